/* SPDX-License-Identifier: GPL-2.0-only */
/* Stand-in for arch/x86/include/asm/ptrace.h: the fault path passes it on. */
#ifndef _ASM_X86_PTRACE_H
#define _ASM_X86_PTRACE_H

struct pt_regs {
	unsigned long ip;
	unsigned long sp;
};

#endif
