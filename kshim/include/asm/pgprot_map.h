/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Stand-in for the vm_get_page_prot() declaration of include/linux/mm.h
 * (6.12; x86 has ARCH_HAS_VM_GET_PAGE_PROT, so the definition is x86's,
 * in kshim/src/pgprot.c).  linux/mm.h includes this header.
 */
#ifndef _KSHIM_ASM_PGPROT_MAP_H
#define _KSHIM_ASM_PGPROT_MAP_H

#include <asm/pgtable_types.h>
#include <linux/vm_flags.h>

/* Mirrors arch/x86/mm/pgprot.c:vm_get_page_prot() */
pgprot_t vm_get_page_prot(unsigned long vm_flags);

#endif
