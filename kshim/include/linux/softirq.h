/* SPDX-License-Identifier: GPL-2.0-only */
/* Stand-in for include/linux/softirq.h (6.12), empty: no softirqs are simulated (fair.c's load balancing is not extracted). */
