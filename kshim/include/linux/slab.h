/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Stand-in for include/linux/slab.h (6.12): the simulated slab
 * (kshim/src/slab.c, on a jemalloc arena).  Kernel conventions kept:
 * kmalloc(0) returns ZERO_SIZE_PTR, kfree(NULL) and kfree(ZERO_SIZE_PTR)
 * do nothing, an array size overflow returns NULL, and a size beyond
 * KMALLOC_MAX_SIZE fails (with a WARN unless __GFP_NOWARN).
 */
#ifndef _LINUX_SLAB_H
#define _LINUX_SLAB_H

#include <linux/types.h>
#include <linux/gfp.h>
#include <linux/overflow.h>

#define ZERO_SIZE_PTR ((void *)16)
#define ZERO_OR_NULL_PTR(x) ((unsigned long)(x) <= (unsigned long)ZERO_SIZE_PTR)
/* 2^(MAX_PAGE_ORDER + PAGE_SHIFT) with MAX_PAGE_ORDER 10, as on x86-64 */
#define KMALLOC_MAX_SIZE (1UL << 22)

typedef unsigned int slab_flags_t;
#define SLAB_HWCACHE_ALIGN 0x00002000u
#define SLAB_PANIC 0x00040000u
#define SLAB_ACCOUNT 0x04000000u

struct kmem_cache;

void *kmalloc(size_t size, gfp_t flags);
void *kzalloc(size_t size, gfp_t flags);
void *krealloc(const void *p, size_t new_size, gfp_t flags);
void kfree(const void *objp);
size_t ksize(const void *objp);
char *kstrdup(const char *s, gfp_t gfp);

static inline void *kmalloc_array(size_t n, size_t size, gfp_t flags)
{
	size_t bytes;

	if (unlikely(check_mul_overflow(n, size, &bytes)))
		return NULL;
	return kmalloc(bytes, flags);
}

static inline void *kcalloc(size_t n, size_t size, gfp_t flags)
{
	return kmalloc_array(n, size, flags | __GFP_ZERO);
}

#define kmalloc_node(size, flags, node) kmalloc(size, flags)
#define kzalloc_node(size, flags, node) kzalloc(size, flags)
#define kvmalloc(size, flags) kmalloc(size, flags)
#define kvzalloc(size, flags) kzalloc(size, flags)
#define kvmalloc_array(n, size, flags) kmalloc_array(n, size, flags)
#define kvcalloc(n, size, flags) kcalloc(n, size, flags)
#define kvfree(p) kfree(p)

struct kmem_cache *kmem_cache_create(const char *name, unsigned int size,
				     unsigned int align, slab_flags_t flags,
				     void (*ctor)(void *));
void kmem_cache_destroy(struct kmem_cache *s);
void *kmem_cache_alloc(struct kmem_cache *s, gfp_t flags);
void kmem_cache_free(struct kmem_cache *s, void *objp);

static inline void *kmem_cache_zalloc(struct kmem_cache *s, gfp_t flags)
{
	return kmem_cache_alloc(s, flags | __GFP_ZERO);
}

#define KMEM_CACHE(__struct, __flags)                              \
	kmem_cache_create(#__struct, sizeof(struct __struct),      \
			  __alignof__(struct __struct), (__flags), NULL)

#endif
