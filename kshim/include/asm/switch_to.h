/* SPDX-License-Identifier: GPL-2.0-only */
/* Stand-in for arch/x86/include/asm/switch_to.h (6.12), empty: context switches are the simulator's (sim/coro.c). */
