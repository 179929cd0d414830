/* SPDX-License-Identifier: GPL-2.0-only */
/* Stand-in for include/linux/ksm.h (6.12): KSM is not simulated; the !CONFIG_KSM stubs the extracted code calls. */
#ifndef _KSHIM_LINUX_KSM_H
#define _KSHIM_LINUX_KSM_H
struct folio;
/* Mirrors include/linux/ksm.h:folio_migrate_ksm() (!KSM) */
static inline void folio_migrate_ksm(struct folio *newfolio, struct folio *folio)
{
}
/* Mirrors include/linux/ksm.h:ksm_might_unmap_zero_page() (!KSM) */
#define ksm_might_unmap_zero_page(mm, pte) do { } while (0)
#endif
