/* SPDX-License-Identifier: GPL-2.0-only */
/* Stand-in for arch/x86/include/asm/io.h (6.12), empty: no MMIO or port I/O is simulated. */
#ifndef _KSHIM_ASM_IO_H
#define _KSHIM_ASM_IO_H
#endif
