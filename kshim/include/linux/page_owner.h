/* SPDX-License-Identifier: GPL-2.0-only */
/* Stand-in for include/linux/page_owner.h (6.12): page owner tracking is off (!CONFIG_PAGE_OWNER stubs). */
#ifndef _KSHIM_LINUX_PAGE_OWNER_H
#define _KSHIM_LINUX_PAGE_OWNER_H
struct folio;
/* Mirrors include/linux/page_owner.h:folio_copy_owner() (!PAGE_OWNER) */
static inline void folio_copy_owner(struct folio *newfolio, struct folio *old)
{
}
/* Mirrors include/linux/page_owner.h:set_page_owner_migrate_reason() (!PAGE_OWNER) */
struct page;
static inline void set_page_owner_migrate_reason(struct page *page, int reason)
{
}
#endif
