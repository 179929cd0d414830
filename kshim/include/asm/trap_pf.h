/* SPDX-License-Identifier: GPL-2.0-only */
/* arch/x86/include/asm/trap_pf.h (6.12): the #PF error code bits */
#ifndef _ASM_X86_TRAP_PF_H
#define _ASM_X86_TRAP_PF_H

enum x86_pf_error_code {
	X86_PF_PROT = 1 << 0,
	X86_PF_WRITE = 1 << 1,
	X86_PF_USER = 1 << 2,
	X86_PF_RSVD = 1 << 3,
	X86_PF_INSTR = 1 << 4,
	X86_PF_PK = 1 << 5,
	X86_PF_SHSTK = 1 << 6,
	X86_PF_SGX = 1 << 15,
};

#endif
