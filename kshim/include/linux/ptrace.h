/* SPDX-License-Identifier: GPL-2.0-only */
/* Stand-in for include/linux/ptrace.h (6.12), empty: struct pt_regs is declared by asm/ptrace.h. */
#ifndef _KSHIM_LINUX_PTRACE_H
#define _KSHIM_LINUX_PTRACE_H
#endif
