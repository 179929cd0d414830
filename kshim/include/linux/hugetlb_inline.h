/* SPDX-License-Identifier: GPL-2.0-only */
/* Stand-in for include/linux/hugetlb_inline.h (6.12): is_vm_hugetlb_page() is kshim's linux/hugetlb.h. */
#include <linux/hugetlb.h>
