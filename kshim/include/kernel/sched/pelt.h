/* SPDX-License-Identifier: GPL-2.0-only */
/* Stand-in for kernel/sched/pelt.h (6.12): LOAD_AVG_MAX (kernel/sched/sched-pelt.h) is in kshim's kernel/sched/sched.h; no PELT signal is simulated. */
