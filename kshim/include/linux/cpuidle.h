/* SPDX-License-Identifier: GPL-2.0-only */
/* Stand-in for include/linux/cpuidle.h (6.12), empty: idle states are not simulated. */
