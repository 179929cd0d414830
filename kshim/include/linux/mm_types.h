/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Stand-in for include/linux/mm_types.h (6.12): the types the fault and
 * protection paths read, with the kernel's field names.  Layout follows
 * the kernel where kernel code depends on it: struct page is 64 bytes,
 * the memmap is an array of them indexed by pfn, and struct folio
 * overlays the head page and the page after it (folio->_flags_1,
 * _large_mapcount, ... live in page[1]), so page_folio(), folio_page()
 * and pfn_folio() are pointer arithmetic as in the kernel.
 */
#ifndef _LINUX_MM_TYPES_H
#define _LINUX_MM_TYPES_H

#include <linux/types.h>
#include <linux/atomic.h>
#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/completion.h>
#include <linux/rwsem.h>
#include <linux/maple_tree.h>
#include <asm/pgtable_types.h>

typedef unsigned int vm_fault_t;
typedef unsigned long vm_flags_t;

struct address_space;
struct anon_vma;
struct file;
struct mempolicy;
struct mm_struct;
struct vm_area_struct;
struct vm_fault;
struct kshim_ptdesc;

/*
 * Folded levels (asm-generic/pgtable-nop4d.h, pgtable-nopud.h): a pgd
 * entry points straight at a PMD table, as on a 3-level machine.
 */
typedef struct {
	unsigned long pgd;
} pgd_t;
typedef struct {
	pgd_t pgd;
} p4d_t;
typedef struct {
	p4d_t p4d;
} pud_t;

struct page {
	unsigned long flags;		/* node, zone, PG_* bits */
	union {
		struct {
			struct list_head lru;
			struct address_space *mapping; /* PAGE_MAPPING_ANON */
			pgoff_t index;
			unsigned long private;
		};
		struct {
			unsigned long compound_head;	/* bit 0: tail */
		};
	};
	atomic_t _mapcount;		/* -1: unmapped */
	atomic_t _refcount;
	unsigned long memcg_data;
};

_Static_assert(sizeof(struct page) == 64, "struct page is 64 bytes");

struct folio {
	union {
		struct {
			unsigned long flags;
			struct list_head lru;
			struct address_space *mapping;
			pgoff_t index;
			void *private;
			atomic_t _mapcount;
			atomic_t _refcount;
			unsigned long memcg_data;
		};
		struct page page;
	};
	union {
		struct {
			unsigned long _flags_1;	/* low byte: order */
			unsigned long _head_1;
			atomic_t _large_mapcount;
			atomic_t _entire_mapcount;
			atomic_t _nr_pages_mapped;
			atomic_t _pincount;
			unsigned int _folio_nr_pages;
		};
		struct page __page_1;
	};
	union {
		struct {
			unsigned long _flags_2a;
			unsigned long _head_2a;
			/* order > 1: the deferred split list (always empty) */
			struct list_head _deferred_list;
		};
		struct page __page_2;
	};
};

_Static_assert(sizeof(struct folio) == 3 * sizeof(struct page),
	       "struct folio overlays three pages");

/* include/linux/mm_types.h: struct vma_numab_state */
struct vma_numab_state {
	unsigned long next_scan;
	unsigned long pids_active_reset;
	unsigned long pids_active[2];
	int start_scan_seq;
	int prev_scan_seq;
};

struct vm_operations_struct {
	vm_fault_t (*fault)(struct vm_fault *vmf);
	vm_fault_t (*huge_fault)(struct vm_fault *vmf, unsigned int order);
	int (*mprotect)(struct vm_area_struct *vma, unsigned long start,
			unsigned long end, unsigned long newflags);
	struct page *(*find_special_page)(struct vm_area_struct *vma,
					  unsigned long addr);
	const char *(*name)(struct vm_area_struct *vma);
	/* CONFIG_NUMA: shared (shmem) policies; no model VMA has one */
	struct mempolicy *(*get_policy)(struct vm_area_struct *vma,
					unsigned long addr, pgoff_t *ilx);
};

struct vm_userfaultfd_ctx {
	void *ctx;
};

struct vm_area_struct {
	unsigned long vm_start;
	unsigned long vm_end;
	struct mm_struct *vm_mm;
	pgprot_t vm_page_prot;
	union {
		const vm_flags_t vm_flags;
		vm_flags_t __vm_flags;
	};
	/* CONFIG_PER_VMA_LOCK (linux/mmap_lock.h) */
	bool detached;
	unsigned int vm_lock_seq;
	struct rw_semaphore vm_lock;	/* the kernel's vm_lock->lock */
	struct anon_vma *anon_vma;
	const struct vm_operations_struct *vm_ops;
	unsigned long vm_pgoff;
	struct file *vm_file;
	void *vm_private_data;
	struct mempolicy *vm_policy;
	struct vma_numab_state *numab_state;
	struct vm_userfaultfd_ctx vm_userfaultfd_ctx;
	struct list_head kshim_node;	/* mm->kshim_vmas, by address */
};

#define vma_policy(vma) ((vma)->vm_policy)

struct mm_struct {
	atomic_t mm_count;
	atomic_t mm_users;
	pgd_t *pgd;
	struct rw_semaphore mmap_lock;
	spinlock_t page_table_lock;
	unsigned int mm_lock_seq;
	struct list_head kshim_vmas;	/* the VMA tree, as a sorted list */
	/*
	 * The same VMAs by range, for the kernel code's VMA iterator
	 * (for_each_vma()); the model keeps both (mm_model/mm/vma.c).
	 */
	struct maple_tree mm_mt;
	unsigned long task_size;
	/* CONFIG_NUMA_BALANCING */
	unsigned long numa_next_scan;
	unsigned long numa_scan_offset;
	int numa_scan_seq;
	atomic_t tlb_flush_pending;
	atomic_t tlb_flush_batched;
	unsigned long flags;		/* MMF_* */
	struct task_struct *owner;
};

/*
 * include/linux/mm_types.h:init_mm, the kernel's own mm (mm/init-mm.c);
 * defined in mm_model/mm/kernel_stubs.c, used by no walk of the model
 */
extern struct mm_struct init_mm;

/* Mirrors include/linux/mm_types.h:MM_MT_FLAGS */
#define MM_MT_FLAGS	(MT_FLAGS_ALLOC_RANGE | MT_FLAGS_LOCK_EXTERN | \
			 MT_FLAGS_USE_RCU)

/* Mirrors include/linux/mm_types.h:struct vma_iterator */
struct vma_iterator {
	struct ma_state mas;
};

/* Mirrors include/linux/mm_types.h:VMA_ITERATOR() */
#define VMA_ITERATOR(name, __mm, __addr)				\
	struct vma_iterator name = {					\
		.mas = {						\
			.tree = &(__mm)->mm_mt,				\
			.index = __addr,				\
			.max = ULONG_MAX,				\
			.status = ma_start,				\
		},							\
	}

/* include/linux/mm_types.h: enum fault_flag */
enum fault_flag {
	FAULT_FLAG_WRITE = 1 << 0,
	FAULT_FLAG_MKWRITE = 1 << 1,
	FAULT_FLAG_ALLOW_RETRY = 1 << 2,
	FAULT_FLAG_RETRY_NOWAIT = 1 << 3,
	FAULT_FLAG_KILLABLE = 1 << 4,
	FAULT_FLAG_TRIED = 1 << 5,
	FAULT_FLAG_USER = 1 << 6,
	FAULT_FLAG_REMOTE = 1 << 7,
	FAULT_FLAG_INSTRUCTION = 1 << 8,
	FAULT_FLAG_INTERRUPTIBLE = 1 << 9,
	FAULT_FLAG_UNSHARE = 1 << 10,
	FAULT_FLAG_ORIG_PTE_VALID = 1 << 11,
	FAULT_FLAG_VMA_LOCK = 1 << 12,
};

/* include/linux/mm_types.h: enum vm_fault_reason */
enum vm_fault_reason {
	VM_FAULT_OOM = 0x000001,
	VM_FAULT_SIGBUS = 0x000002,
	VM_FAULT_MAJOR = 0x000004,
	VM_FAULT_HWPOISON = 0x000010,
	VM_FAULT_HWPOISON_LARGE = 0x000020,
	VM_FAULT_SIGSEGV = 0x000040,
	VM_FAULT_NOPAGE = 0x000100,
	VM_FAULT_LOCKED = 0x000200,
	VM_FAULT_RETRY = 0x000400,
	VM_FAULT_FALLBACK = 0x000800,
	VM_FAULT_DONE_COW = 0x001000,
	VM_FAULT_NEEDDSYNC = 0x002000,
	VM_FAULT_COMPLETED = 0x004000,
	VM_FAULT_HINDEX_MASK = 0x0f0000,
};

#define VM_FAULT_ERROR                                                  \
	(VM_FAULT_OOM | VM_FAULT_SIGBUS | VM_FAULT_SIGSEGV |            \
	 VM_FAULT_HWPOISON | VM_FAULT_HWPOISON_LARGE | VM_FAULT_FALLBACK)

/* include/linux/mm.h: struct vm_fault */
struct vm_fault {
	const struct {
		struct vm_area_struct *vma;
		gfp_t gfp_mask;
		pgoff_t pgoff;
		unsigned long address;
		unsigned long real_address;
	};
	enum fault_flag flags;
	pmd_t *pmd;
	pud_t *pud;
	union {
		pte_t orig_pte;
		pmd_t orig_pmd;
	};
	struct page *cow_page;
	struct page *page;
	pte_t *pte;
	spinlock_t *ptl;
	void *prealloc_pte;
};

#endif
