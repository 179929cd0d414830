/* SPDX-License-Identifier: GPL-2.0-only */
/* Stand-in for include/linux/ratelimit.h (6.12), empty: the extracted fair.c functions print nothing rate-limited. */
