/* SPDX-License-Identifier: GPL-2.0-only */
/* Stand-in for include/linux/elf.h (6.12), empty: no ELF core dumps are simulated. */
#ifndef _KSHIM_LINUX_ELF_H
#define _KSHIM_LINUX_ELF_H
#endif
