/* SPDX-License-Identifier: GPL-2.0-only */
/* Stand-in for include/linux/profile.h (6.12), empty: kernel profiling is not simulated. */
