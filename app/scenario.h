/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Scenario files: the JSON format of docs/scenarios.md, loaded strictly
 * into plain C structs.  Everything here is validated: names resolve to
 * indices, sizes and offsets are page aligned and inside their VMA,
 * placements are expanded to ranges.  No kernel headers, no json-c types:
 * any faultsim binary can link this.
 */
#ifndef FAULTSIM_SCENARIO_H
#define FAULTSIM_SCENARIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SCN_FORMAT_VERSION 1

#define SCN_PAGE_SIZE 4096ULL
#define SCN_PMD_SIZE (2ULL << 20)
/* x86-64 4-level TASK_SIZE_MAX: (1 << 47) - PAGE_SIZE */
#define SCN_USER_TOP 0x00007ffffffff000ULL
/* first address given to VMAs without "start" */
#define SCN_AUTO_BASE 0x00007f0000000000ULL

/* Limits; the loader rejects anything beyond them. */
#define SCN_NAME_MAX 31 /* characters in a name */
#define SCN_MAX_NODES 64
#define SCN_MAX_CPUS 64
#define SCN_MAX_TASKS 64
#define SCN_MAX_VMAS 256
#define SCN_MAX_STEPS 100000 /* step objects listed, loops' bodies included */
#define SCN_MAX_EXEC_STEPS 10000000 /* steps a run executes, loops unrolled */
#define SCN_MAX_LOOP_TIMES 1000000
#define SCN_MAX_LOOP_DEPTH 4 /* loops inside loops */
/* the sleeps of a run's steps, loops unrolled: the ns clock holds 584 */
#define SCN_MAX_RUN_YEARS 100ULL
#define SCN_MAX_RUN_NS (SCN_MAX_RUN_YEARS * 365 * 86400 * 1000000000ULL)
#define SCN_MAX_SAMPLE_LIST 64 /* vmstat names, VMAs, tasks of a sample */
#define SCN_MAX_CONCURRENT 64 /* steps in one "concurrently" */
#define SCN_MAX_OVERRIDES 16 /* --param overrides */
#define SCN_PARAM_VALUE_MAX 255 /* bytes in an override's value */
#define SCN_MAX_VMA_SIZE (64ULL << 30)
#define SCN_MAX_NODE_PAGES (1ULL << 24) /* 64 GiB per node */
#define SCN_MAX_RANGES 1024 /* placement ranges per VMA */
#define SCN_MAX_PTE_CHECKS 4096 /* per expect */
#define SCN_MAX_FINDINGS 64 /* names per expect */
#define SCN_MAX_REQUIRES 16
#define SCN_MAX_FOLIO_ORDER 9 /* HPAGE_PMD_ORDER */
#define SCN_MAX_ADVANCE_MS 86400000ULL /* one virtual day per step */
#define SCN_MAX_MIGRATE_FAIL 1000000
#define SCN_MAX_FILE_BYTES (16U << 20)
#define SCN_SCENARIO_NAME_MAX 63
#define SCN_MAX_DESCRIPTION 4096 /* bytes */
#define SCN_CONFIG_MAX 47 /* "CONFIG_..." */
#define SCN_MAX_REPEAT 1000000 /* repetitions of one access step */
#define SCN_MAX_EVERY_US 86400000000ULL /* a virtual day */
#define SCN_MAX_DAMON_SAMPLE_US 10000000ULL /* 10 s */
#define SCN_MAX_DAMON_AGGR_US 600000000ULL /* 10 min */
#define SCN_MAX_DAMON_REGIONS 100000

/* kernel.numa_balancing: 6.12 accepts 0..4 (extra2 = SYSCTL_FOUR) */
#define SCN_NUMAB_MAX 4
#define SCN_NUMAB_TIERING 2 /* NUMA_BALANCING_MEMORY_TIERING */
#define SCN_NUMAB_BOOT_DEFAULT (-1) /* not given: the kernel's boot choice */

/*
 * NUMA balancing's scan tunables: 6.12 has them in debugfs,
 * sched/numa_balancing/{scan_delay_ms,scan_period_min_ms,
 * scan_period_max_ms,scan_size_mb} (kernel/sched/debug.c), u32s with no
 * bounds; a scenario spells them as the sysctls they were,
 * numa_balancing_scan_*.  SCN_TUNABLE_UNSET: not given, the boot value.
 */
enum scn_scan_tunable {
	SCN_SCAN_DELAY_MS,
	SCN_SCAN_PERIOD_MIN_MS,
	SCN_SCAN_PERIOD_MAX_MS,
	SCN_SCAN_SIZE_MB,
	SCN_NR_SCAN_TUNABLES,
};
#define SCN_TUNABLE_UNSET (-1)
/*
 * /sys/kernel/mm/transparent_hugepage/enabled, in the order of the
 * model's enum thp_enabled; SCN_THP_UNSET: not given (the boot value)
 */
enum scn_thp_enabled {
	SCN_THP_ALWAYS,
	SCN_THP_MADVISE,
	SCN_THP_NEVER,
	SCN_THP_UNSET = -1,
};
struct scn_sysctl {
	int numa_balancing;	/* 0..4 or SCN_NUMAB_BOOT_DEFAULT */
	int64_t scan[SCN_NR_SCAN_TUNABLES];	/* or SCN_TUNABLE_UNSET */
	int thp_enabled;	/* enum scn_thp_enabled */
};

/* Same values as the uapi PROT_* */
#define SCN_PROT_READ 0x1
#define SCN_PROT_WRITE 0x2
#define SCN_PROT_EXEC 0x4

/* VMA flags (our bits; the model maps them to VM_*) */
#define SCN_VMA_SHARED (1U << 0) /* VM_SHARED; else private (COW) */
#define SCN_VMA_FILE (1U << 1) /* file-backed; else anonymous */
#define SCN_VMA_HUGEPAGE (1U << 2) /* VM_HUGEPAGE (MADV_HUGEPAGE) */
#define SCN_VMA_NOHUGEPAGE (1U << 3) /* VM_NOHUGEPAGE (MADV_NOHUGEPAGE) */
/* VM_UFFD_WP, and UFFDIO_WRITEPROTECT of every populated page */
#define SCN_VMA_UFFD_WP (1U << 4)

/* Mempolicy modes, in the order of the uapi enum (MPOL_DEFAULT = 0 ...) */
enum scn_mpol_mode {
	SCN_MPOL_DEFAULT,
	SCN_MPOL_PREFERRED,
	SCN_MPOL_BIND,
	SCN_MPOL_INTERLEAVE,
	SCN_MPOL_LOCAL,
	SCN_MPOL_PREFERRED_MANY,
	SCN_MPOL_WEIGHTED_INTERLEAVE,
	SCN_MPOL_NR_MODES,
};

/* Mode flags, same values as the kernel's MPOL_F_* */
#define SCN_MPOL_F_STATIC_NODES (1U << 15)
#define SCN_MPOL_F_RELATIVE_NODES (1U << 14)
#define SCN_MPOL_F_NUMA_BALANCING (1U << 13)
/* internal flags sanitize_mpol_flags() adds for MPOL_F_NUMA_BALANCING */
#define SCN_MPOL_F_MOF (1U << 3)
#define SCN_MPOL_F_MORON (1U << 4)

struct scn_node {
	uint64_t pages; /* capacity in 4 KiB pages */
	bool toptier;
};

struct scn_cpu {
	int node;
};

struct scn_policy {
	enum scn_mpol_mode mode;
	unsigned int flags; /* SCN_MPOL_F_* */
	uint64_t nodes; /* bit n: node n */
};

/* how a task's mm came to be ("mm_start") */
enum scn_mm_start {
	SCN_MM_FORK,	/* fork(): init_numa_balancing() arms the scan */
	SCN_MM_EXEC,	/* execve(): a fresh mm, its first scan only arms */
};

struct scn_task {
	char name[SCN_NAME_MAX + 1];
	int cpu; /* home CPU */
	int mm; /* index in scenario.mms */
	struct scn_policy policy;
	enum scn_mm_start mm_start;
};

struct scn_mm {
	char name[SCN_NAME_MAX + 1];
	int nr_tasks; /* tasks using it: the mm_users that matter */
};

/*
 * Pages [offset, offset + size) of a VMA are populated; the folio at
 * offset + k * granule lies on nodes[k % nr_nodes] (nr_nodes == 1 for a
 * plain range).  granule is the folio size of the VMA.
 */
struct scn_range {
	uint64_t offset;
	uint64_t size;
	unsigned int nr_nodes;
	unsigned char nodes[SCN_MAX_NODES];
};

struct scn_vma {
	char name[SCN_NAME_MAX + 1];
	int mm;
	uint64_t start; /* page aligned, user space */
	uint64_t size; /* bytes, page aligned */
	unsigned int prot; /* SCN_PROT_* */
	unsigned int flags; /* SCN_VMA_* */
	bool thp; /* populated with PMD-mapped THPs */
	unsigned int folio_order; /* PTE-mapped folios of 2^order pages */
	bool cow_shared; /* also mapped by a forked child */
	bool dirty; /* PTEs (PMDs) start dirty */
	/* populated ranges, sorted, disjoint; none: nothing populated */
	struct scn_range *ranges;
	unsigned int nr_ranges;
};

enum scn_vmstat_item {
	SCN_PGFAULT,
	SCN_NUMA_PTE_UPDATES,
	SCN_NUMA_HUGE_PTE_UPDATES,
	SCN_NUMA_HINT_FAULTS,
	SCN_NUMA_HINT_FAULTS_LOCAL,
	SCN_NUMA_PAGES_MIGRATED,
	SCN_PGMIGRATE_SUCCESS,
	SCN_PGMIGRATE_FAIL,
	SCN_THP_MIGRATION_SUCCESS,
	SCN_THP_MIGRATION_FAIL,
	SCN_THP_MIGRATION_SPLIT,
	SCN_THP_SPLIT_PAGE,
	SCN_THP_SPLIT_PMD,
	SCN_THP_FAULT_ALLOC,
	SCN_THP_FAULT_FALLBACK,
	SCN_THP_SPLIT_PAGE_FAILED,
	SCN_THP_ZERO_PAGE_ALLOC,
	SCN_NR_VMSTAT,
};

/* "/proc/vmstat" spelling of each item */
extern const char *const scn_vmstat_names[SCN_NR_VMSTAT];

/* which fields of a PTE check are set */
#define SCN_PTE_PRESENT (1U << 0)
#define SCN_PTE_PROTNONE (1U << 1)
#define SCN_PTE_WRITE (1U << 2)
#define SCN_PTE_YOUNG (1U << 3)
#define SCN_PTE_DIRTY (1U << 4)
#define SCN_PTE_NODE (1U << 5)
#define SCN_PTE_HUGE (1U << 6)
#define SCN_PTE_ZERO (1U << 7)

struct scn_pte_check {
	int vma;
	uint64_t offset; /* page aligned */
	uint64_t pages; /* every page of [offset, offset + pages * 4K) */
	unsigned int mask; /* SCN_PTE_*: the fields below that are checked */
	bool present, protnone, write, young, dirty, huge, zero;
	int node;
};

struct scn_expect {
	uint32_t vmstat_mask; /* bit i: vmstat[i] is checked */
	uint64_t vmstat[SCN_NR_VMSTAT]; /* deltas since the start of the run */
	struct scn_pte_check *ptes;
	unsigned int nr_ptes;
	bool check_findings; /* else findings are reported but not compared */
	unsigned int nr_findings;
	char (*findings)[SCN_NAME_MAX + 1];
};

enum scn_op {
	SCN_OP_ACCESS,
	SCN_OP_SCAN,
	SCN_OP_SYSCTL,
	SCN_OP_MPROTECT,
	SCN_OP_MADVISE,
	SCN_OP_SPLIT_THP,
	SCN_OP_ADVANCE,
	SCN_OP_MIGRATE_FAIL,
	SCN_OP_MOVE_TASK,
	SCN_OP_EXPECT,
	SCN_OP_CONCURRENTLY,	/* task steps that run at the same time */
	SCN_OP_DAMON_START,	/* a kdamond starts monitoring */
	SCN_OP_DAMON_STOP,
	SCN_OP_DAMON_HINT,	/* DAMON hints pages via the design */
	SCN_OP_SET_MEMPOLICY,	/* set_mempolicy(2) in a task */
	SCN_OP_MBIND,		/* mbind(2) of a range */
	SCN_OP_LOOP,		/* steps repeated */
	SCN_OP_SAMPLE,		/* a row of observations */
	SCN_OP_RUN,		/* a task on its CPU: ticks, task work */
	SCN_NR_OPS,
};

/* "op" spelling of each op */
extern const char *const scn_op_names[SCN_NR_OPS];

enum scn_advice {
	SCN_MADV_DONTNEED,
	SCN_MADV_HUGEPAGE,
	SCN_MADV_NOHUGEPAGE,
};

/*
 * DAMON operations sets a damon_start step can ask for, in the order of
 * enum damon_sim_ops (damon_core/sim_damon.h): the executor casts.
 */
enum scn_damon_ops {
	SCN_DAMON_VADDR,	/* Accessed bits, mm/damon/vaddr.c */
	SCN_DAMON_VADDR_FAULT,	/* fault-based sampling, a task's VMAs */
	SCN_DAMON_PADDR_FAULT,	/* fault-based sampling, physical memory */
	SCN_DAMON_PADDR,	/* Accessed bits, mm/damon/paddr.c */
	SCN_NR_DAMON_OPS,
};

/* "ops" spelling of each */
extern const char *const scn_damon_ops_names[SCN_NR_DAMON_OPS];

enum scn_migrate_when {
	SCN_FAIL_BEFORE_UNMAP, /* folio isolated, not yet unmapped */
	SCN_FAIL_AFTER_UNMAP, /* migration entries installed, then undone */
};

/*
 * What a sample step records: vmstat deltas (bit i: scn_vmstat_names[i]),
 * the per-node page counts of VMAs (as /proc/PID/numa_maps), the NUMA
 * fields of tasks.
 */
struct scn_sample {
	char name[SCN_NAME_MAX + 1];	/* "" when not given */
	bool vmstat_all;	/* "vmstat": true: those the build counts */
	uint32_t vmstat_mask;
	int *vmas;
	unsigned int nr_vmas;
	int *tasks;
	unsigned int nr_tasks;
};

struct scn_step {
	enum scn_op op;
	union {
		struct {
			int task;
			int vma; /* resolved from "vma" or "addr" */
			uint64_t offset; /* page aligned, in the VMA */
			uint64_t pages;
			bool write;
			uint32_t repeat; /* times the pages are touched (>= 1) */
			uint64_t every_us; /* sleep between repetitions */
		} access;
		struct {
			int task;
			bool force;
		} scan;
		struct {
			int task;
			uint64_t ms;
		} run;
		struct scn_sysctl sysctl;
		struct {
			int vma;
			uint64_t offset, size;
			unsigned int prot;
		} mprotect;
		struct {
			int vma;
			uint64_t offset, size;
			enum scn_advice advice;
		} madvise;
		struct {
			int vma;
			uint64_t offset, size;
		} damon_hint;
		struct {
			int vma;
			uint64_t offset; /* PMD aligned */
			bool folio; /* split_huge_page, else split_huge_pmd */
		} split_thp;
		struct {
			uint64_t ms;
		} advance;
		struct {
			enum scn_migrate_when when;
			unsigned int count;
		} migrate_fail;
		struct {
			int task;
			int cpu;
		} move_task;
		struct {
			enum scn_damon_ops ops;
			int task; /* the target (vaddr*); -1 for paddr* */
			uint64_t sample_us, aggr_us;
			uint32_t min_nr_regions, max_nr_regions;
		} damon_start;
		struct {
			int task;
			struct scn_policy policy;
		} set_mempolicy;
		struct {
			int vma;
			uint64_t offset, size;
			struct scn_policy policy;
			bool strict;	/* MPOL_MF_STRICT */
		} mbind;
		struct {
			uint32_t times;
			struct scn_step *steps;
			unsigned int nr;
		} loop;
		struct scn_sample *sample;
		struct scn_expect *expect;
		struct {
			/* access/scan steps of distinct tasks, plus at most
			 * one step without a task, run by the driver */
			struct scn_step *steps;
			unsigned int nr;
		} concurrently;
	};
};

struct scenario {
	char name[SCN_SCENARIO_NAME_MAX + 1];
	char *description; /* "" when absent */
	/* "CONFIG_FOO" the run needs; the executor skips the run otherwise */
	char (*requires)[SCN_CONFIG_MAX + 1];
	unsigned int nr_requires;
	struct scn_sysctl sysctl;	/* the top-level "sysctl" */
	/* "injections": the kinds run --inject may arm (kshim/inject.h) */
	uint32_t injections;

	struct scn_node *nodes;
	unsigned int nr_nodes;
	struct scn_cpu *cpus;
	unsigned int nr_cpus;
	struct scn_task *tasks;
	unsigned int nr_tasks;
	struct scn_mm *mms;
	unsigned int nr_mms;
	struct scn_vma *vmas;
	unsigned int nr_vmas;
	struct scn_step *steps;
	unsigned int nr_steps;
	uint64_t nr_exec_steps; /* steps a run executes, loops unrolled */
	uint64_t sleep_ns; /* what its advance and access steps sleep */
	struct scn_expect *expect; /* top-level, after the last step; or NULL */
};

/*
 * Load a scenario.  On success return 0 and *out; on error return -1 and
 * put one line (no newline) in err:
 *   "<file>: <json path>: <problem>", or "<file>: line N: <problem>".
 * name is what "<file>" says for scenario_load_string().
 */
int scenario_load_file(const char *path, struct scenario **out, char *err,
		       size_t err_len);
int scenario_load_string(const char *text, size_t len, const char *name,
			 struct scenario **out, char *err, size_t err_len);
void scenario_free(struct scenario *s);
/*
 * Scenario parameters: a file declares "params": {"pages": 4} and uses
 * "$pages" wherever a value goes.  An override "pages=8" (from --param)
 * applies to the next loads; one of a name already overridden replaces
 * it.  0, or -1 and one line in @err: empty if it is not NAME=VALUE
 * (the caller's usage line), else why (a name or value too long, a
 * value not UTF-8, too many): refused, never cut.
 */
int scenario_param_override(const char *assignment, char *err, size_t len);
/* The same with the name and the value apart (a trace's "params") */
int scenario_param_set(const char *name, size_t name_len, const char *value,
		       char *err, size_t len);
void scenario_param_overrides_clear(void);
/* The @i-th override, in the order given; -1 past the last */
int scenario_param_override_get(int i, const char **name, const char **value);
/*
 * Swarm mode (run --swarm): from here on, each load derives the values
 * of the parameters its "swarm" block ranges over from @seed (those
 * without a --param override) and adds them as overrides, so a trace
 * records them.  scenario_swarm_line(): the last load's derived values,
 * "name=value ...", "" if none.
 */
void scenario_swarm_enable(uint64_t seed);
const char *scenario_swarm_line(void);
/*
 * The same, the values drawn from a fuzzer's input instead of a seed
 * (run --fuzz-input F --swarm, fuzz_run with FAULTSIM_FUZZ_SWARM): each
 * range of the block, in its order, reads the next 1, 2 or 4 bytes
 * (even when --param sets it, so its bytes stay its own); @data must
 * live until the load returns.  scenario_swarm_bytes_used(): how many
 * the last load read (0 in seed mode).
 */
void scenario_swarm_enable_bytes(const uint8_t *data, size_t len);
size_t scenario_swarm_bytes_used(void);
/*
 * The injected-failure kinds a fuzzer's input arms among @allowed: the
 * k-th allowed kind (in kind order) is armed if bit k % 8 of byte
 * @pos + k / 8 is set (unset past @len).  Advances @pos past those
 * bytes (none if nothing is allowed): the schedule's bytes follow.
 */
uint32_t scenario_fuzz_injections(uint32_t allowed, const uint8_t *data,
				  size_t len, size_t *pos);

/* Node of the folio backing byte offset off of a VMA; -1: not populated */
int scenario_vma_node(const struct scn_vma *v, uint64_t off);
/* Folio size of a VMA in bytes: PMD size, or 4K << folio_order */
uint64_t scenario_vma_granule(const struct scn_vma *v);
/* Index of the named task / VMA / mm, or -1 */
int scenario_find_task(const struct scenario *s, const char *name);
int scenario_find_vma(const struct scenario *s, const char *name);
int scenario_find_mm(const struct scenario *s, const char *name);

#endif /* FAULTSIM_SCENARIO_H */
