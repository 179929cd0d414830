/* SPDX-License-Identifier: GPL-2.0-only */
/* Stand-in for include/linux/memremap.h (6.12): no device (ZONE_DEVICE) memory is simulated, so no folio is device-private or coherent (!CONFIG_DEVICE_PRIVATE stubs). */
#ifndef _KSHIM_LINUX_MEMREMAP_H
#define _KSHIM_LINUX_MEMREMAP_H
#include <linux/types.h>
struct folio;
struct page;
/* Mirrors include/linux/memremap.h:is_device_private_page() and friends */
static inline bool is_device_private_page(const struct page *page)
{
	return false;
}

static inline bool folio_is_device_private(const struct folio *folio)
{
	return false;
}

static inline bool folio_is_device_coherent(const struct folio *folio)
{
	return false;
}
#endif
