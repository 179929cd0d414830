// SPDX-License-Identifier: GPL-2.0-only
/*
 * Function names from the running binary's own ELF symbol table: static
 * functions (most kernel functions) are not in the dynamic symbol table
 * that dladdr() reads.  The shadow stacks hold function entry addresses
 * (-finstrument-functions), so a lookup is an exact match; a program
 * counter (an oops, sim/oops.c) is looked up by the symbols' ranges.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <elf.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include "sim/ksyms.h"

struct ksym {
	uintptr_t addr;		/* link-time address */
	uintptr_t size;
	const char *name;
};

static struct ksym *syms;
static size_t nr_syms;
static uintptr_t load_base;
static int loaded;		/* 0: not yet, 1: ok, -1: unavailable */

static int by_addr(const void *a, const void *b)
{
	const struct ksym *x = a, *y = b;

	return x->addr < y->addr ? -1 : x->addr > y->addr;
}

/* Maps /proc/self/exe and indexes its FUNC symbols; they stay mapped. */
static int load(void)
{
	const Elf64_Ehdr *eh;
	const Elf64_Shdr *sh;
	struct stat st;
	Dl_info info;
	size_t i, n;
	void *map;
	int fd;

	fd = open("/proc/self/exe", O_RDONLY);
	if (fd < 0)
		return -1;
	if (fstat(fd, &st) || st.st_size < (off_t)sizeof(*eh)) {
		close(fd);
		return -1;
	}
	map = mmap(NULL, st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (map == MAP_FAILED)
		return -1;
	eh = map;
	if (memcmp(eh->e_ident, ELFMAG, SELFMAG) ||
	    eh->e_ident[EI_CLASS] != ELFCLASS64 ||
	    eh->e_shoff + (size_t)eh->e_shnum * sizeof(*sh) > (size_t)st.st_size)
		return -1;
	sh = (const Elf64_Shdr *)((const char *)map + eh->e_shoff);
	for (i = 0; i < eh->e_shnum; i++) {
		const Elf64_Sym *sym;
		const char *str;

		if (sh[i].sh_type != SHT_SYMTAB || sh[i].sh_link >= eh->e_shnum)
			continue;
		sym = (const Elf64_Sym *)((const char *)map + sh[i].sh_offset);
		str = (const char *)map + sh[sh[i].sh_link].sh_offset;
		n = sh[i].sh_size / sizeof(*sym);
		syms = calloc(n ? n : 1, sizeof(*syms));
		if (!syms)
			return -1;
		for (size_t k = 0; k < n; k++)
			if (ELF64_ST_TYPE(sym[k].st_info) == STT_FUNC &&
			    sym[k].st_value)
				syms[nr_syms++] = (struct ksym){
					sym[k].st_value, sym[k].st_size,
					str + sym[k].st_name };
		break;
	}
	if (!nr_syms)
		return -1;
	qsort(syms, nr_syms, sizeof(*syms), by_addr);
	/* PIE: runtime = link-time + where the executable was loaded */
	if (!dladdr((void *)load, &info))
		return -1;
	load_base = eh->e_type == ET_DYN ? (uintptr_t)info.dli_fbase : 0;
	return 0;
}

static bool ready(void)
{
	if (!loaded)
		loaded = load() ? -1 : 1;
	return loaded > 0;
}

const char *sim_ksym_name(const void *addr)
{
	struct ksym key, *hit;

	if (!ready())
		return "?";
	key.addr = (uintptr_t)addr - load_base;
	hit = bsearch(&key, syms, nr_syms, sizeof(*syms), by_addr);
	return hit ? hit->name : "?";
}

/*
 * The symbol whose [start, start + size) holds the link-time @a: the
 * last one starting at or below it (a binary search for the boundary).
 */
static const struct ksym *containing(uintptr_t a)
{
	size_t lo = 0, hi = nr_syms;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (syms[mid].addr <= a)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (!lo || a - syms[lo - 1].addr >= syms[lo - 1].size)
		return NULL;
	return &syms[lo - 1];
}

const char *sim_ksym_lookup(const void *addr, unsigned long *off,
			    unsigned long *size)
{
	const struct ksym *hit = NULL;
	Dl_info info;

	if (ready())
		hit = containing((uintptr_t)addr - load_base);
	if (hit) {
		*off = (uintptr_t)addr - load_base - hit->addr;
		*size = hit->size;
		return hit->name;
	}
	/* a shared library (libc's memcpy): its exported symbols only */
	if (dladdr(addr, &info) && info.dli_sname && info.dli_saddr) {
		*off = (uintptr_t)addr - (uintptr_t)info.dli_saddr;
		*size = 0;
		return info.dli_sname;
	}
	*off = *size = 0;
	return NULL;
}
