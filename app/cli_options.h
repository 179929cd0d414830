/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The options of the command line, one table per command.  The same
 * tables drive the parser (getopt_long), `--help`, the man page and the
 * bash completion (app/cli_docs.c), so none of them drifts from the code.
 */
#ifndef FAULTSIM_APP_CLI_OPTIONS_H
#define FAULTSIM_APP_CLI_OPTIONS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

/* An option's id: its short option letter, or one of these */
enum cli_opt_id {
	OPT_HELP = 'h',
	OPT_OUTPUT = 'o',
	OPT_KCONFIG = 256,
	OPT_VERSION,
	OPT_DUMP_OPTIONS,
	OPT_SEED,
	OPT_AGGREGATIONS,
	OPT_STRATEGY,
	OPT_ITERATIONS,
	OPT_PCT_DEPTH,
	OPT_BOUND,
	OPT_OUT,
	OPT_DESIGN,
	OPT_SINK,
	OPT_GRANULARITY,
	OPT_ARCH,
	OPT_REDUCTION,
	OPT_PARAM,
	OPT_PLANT,
	OPT_QUIET,
	OPT_VERBOSE,
	OPT_LOG,
	OPT_TIMELINE,
	OPT_PERFETTO,
	OPT_MAX_RUNS,
	OPT_DESIGNS,
	OPT_KCONFIGS,
	OPT_SCENARIOS,
	OPT_SAMPLES,
	OPT_SAMPLES_FORMAT,
	OPT_COUNT_TRACES,
	OPT_JOBS,
	OPT_SHARD,
	OPT_RESULT,
	OPT_DAMO_RECORD,
	OPT_HEATMAP,
	OPT_JSON,
	OPT_FUZZ_INPUT,
	OPT_FAMILY,
	OPT_TIME,
	OPT_ENGINE,
	OPT_INJECT,
	OPT_SWARM,
	OPT_HINT,
};

enum {
	CLI_OPT_REQUIRED = 1 << 0,	/* not in brackets in the synopsis */
	CLI_OPT_LIST = 1 << 1,		/* "a,b,c" of its values */
	CLI_OPT_HIDDEN = 1 << 2,	/* not in help, man page, completion */
};

/* --help printed: the command is done, exit 0 */
#define CLI_HELP_SHOWN (-1)

/* the most options a command has */
#define CLI_MAX_OPTS 32

#define CLI_DEMO_MAX_AGGREGATIONS 1000

struct cli_option {
	const char *name;	/* the long name, without "--" */
	int id;			/* enum cli_opt_id; below 128 also -<id> */
	const char *metavar;	/* its value in help; NULL: see values */
	/*
	 * The values it takes, space-separated: for help, completion and
	 * "needs one of" errors.  "@designs", "@plants", "@scenarios" are
	 * resolved by cli_set_resolver()'s function, "@file" and "@dir"
	 * only complete.  An option with neither metavar nor values is a
	 * flag.
	 */
	const char *values;
	const char *needs;	/* "--NAME needs <needs>"; NULL: one of values */
	const char *help;
	unsigned int flags;
};

struct cli_command {
	const char *name;
	const char *operand;		/* "SCENARIO"; "[GLOB]" if optional */
	const char *operand_values;	/* as cli_option.values */
	const char *summary;
	const char *example;
	const struct cli_option *opts;	/* ends with { NULL } */
};

/* faultsim's own options, before the command */
extern const struct cli_command cli_main_command;
/* every command, in the order of faultsim --help; ends with { NULL } */
extern const struct cli_command cli_commands[];

const struct cli_command *cli_command_find(const char *name);
const struct cli_option *cli_option_find(const struct cli_command *cmd,
					 int id);

/*
 * Called for each option in order: @val its value, NULL for a flag or a
 * value missing at the end of the line; for each operand with @opt NULL.
 * --help is not passed: cli_parse() prints the help for it.  Returns
 * EXIT_OK or, after a one-line error, EXIT_USAGE.
 */
typedef int (*cli_opt_fn)(void *ctx, const struct cli_option *opt,
			  const char *val);

/*
 * Parses @argv (argv[0] the command's name) with getopt_long, --opt=V or
 * --opt V: EXIT_OK, EXIT_USAGE after a one-line error, or CLI_HELP_SHOWN.
 */
int cli_parse(const struct cli_command *cmd, int argc, char **argv,
	      cli_opt_fn fn, void *ctx);
/* The same for faultsim's own options; *@cmd_index: the command's */
int cli_parse_main(int argc, char **argv, cli_opt_fn fn, void *ctx,
		   int *cmd_index);
/*
 * The last value of option @id in @argv, without errors (the command's
 * own parse reports them); NULL if absent, "" for a flag or a missing
 * value.
 */
const char *cli_find_option(const struct cli_command *cmd, int argc,
			    char **argv, int id);

/* "--NAME needs ..." on stderr; EXIT_USAGE */
int cli_bad_value(const struct cli_option *opt);
/* @val as a number in [min, max] into *@out, or cli_bad_value() */
int cli_opt_u64(const struct cli_option *opt, const char *val, uint64_t min,
		uint64_t max, uint64_t *out);
/*
 * --arch VALUE into *@out (an enum kshim_arch), or one line naming the
 * value ("--arch: unknown arch 'mips' (x86_64 or arm64)"), EXIT_USAGE
 */
int cli_opt_arch(const struct cli_option *opt, const char *val, int *out);
/* *@out = @val, or cli_bad_value() if it is missing */
int cli_opt_str(const struct cli_option *opt, const char *val,
		const char **out);
/* "a b c" as "a<sep>b<sep>c" */
void cli_join_words(const char *words, const char *sep, char *buf,
		    size_t len);
/* @val is one of @opt's values */
bool cli_value_ok(const struct cli_option *opt, const char *val);
/*
 * @values as words ("a b c"), "@"-names resolved, those that do not
 * resolve ("@file") kept or dropped; NULL if none is left
 */
const char *cli_values(const char *values, bool keep_unresolved);
/* @fn turns "@designs" and the like into "a b c" (NULL: unknown) */
void cli_set_resolver(const char *(*fn)(const char *name));

bool cli_opt_takes_value(const struct cli_option *opt);
/* "--name" with its value, "-o, --out OUT", as help shows it */
void cli_opt_label(const struct cli_option *opt, bool with_short,
		   char *buf, size_t len);
/* @opt's help, with the values its label does not show */
void cli_opt_help(const struct cli_option *opt, char *buf, size_t len);
/* "run SCENARIO [--kconfig K] ...", the synopsis of @cmd */
void cli_synopsis(const struct cli_command *cmd, char *buf, size_t len);
/* "usage: faultsim <synopsis>", one line; EXIT_USAGE */
int cli_usage(const struct cli_command *cmd);

void cli_print_help(const struct cli_command *cmd, FILE *f);
void cli_print_usage(FILE *f);

#endif
