// SPDX-License-Identifier: GPL-2.0-only
/*
 * faultsim: the command line.  One binary per kernel config; the plain
 * `faultsim` is built against FAULTSIM_DEFAULT_KCONFIG and hands a
 * command for another kconfig to its sibling faultsim-<kconfig> (or, for
 * KUnit, faultsim-kunit-<kconfig>), since each config is its own copy of
 * the kernel code.  The options are in app/cli_options.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "app/cli_args.h"
#include "app/cli_commands.h"
#include "app/cli_options.h"
#include "sim/sched.h"

static const struct {
	const char *name;
	int (*fn)(int argc, char **argv);
} commands[] = {
	{ "demo", cli_demo },
	{ "run", cli_run },
	{ "replay", cli_replay },
	{ "shrink", cli_shrink },
	{ "matrix", cli_matrix },
	{ "merge", cli_merge },
	{ "list", cli_list },
	{ "fuzz", cli_fuzz },
};

/* faultsim's own options, before the command */
struct main_opts {
	bool version;
	const char *kconfig;
	const char *dump;	/* --dump-options FORMAT */
};

static void print_version(void)
{
	/* the tree line: cmake/FaultsimTreeInfo.cmake */
	printf("faultsim %s\nkernel %s\nkconfig %s\n", FAULTSIM_VERSION,
	       FAULTSIM_KTREE, FAULTSIM_KCONFIG);
}

static int check_kconfig(const char *kconfig)
{
	if (!*kconfig)
		return cli_bad_value(cli_option_find(&cli_main_command,
						     OPT_KCONFIG));
	if (!cli_kconfig_known(kconfig))
		return cli_usage_error("unknown kconfig '%s' (one of: %s)",
				       kconfig, FAULTSIM_KCONFIGS);
	return EXIT_OK;
}

static int main_opt(void *ctx, const struct cli_option *opt, const char *val)
{
	struct main_opts *m = ctx;

	switch (opt->id) {
	case OPT_VERSION:
		m->version = true;
		break;
	case OPT_KCONFIG:
		m->kconfig = val ? val : "";
		return check_kconfig(m->kconfig);
	case OPT_DUMP_OPTIONS:
		if (!cli_value_ok(opt, val))
			return cli_bad_value(opt);
		m->dump = val;
		break;
	}
	return EXIT_OK;
}

/* Re-runs this command in the binary built for @kconfig. */
static int exec_sibling(const char *prefix, const char *kconfig, char **argv)
{
	char path[4096];

	/* the default kconfig's binary is plain faultsim */
	if (!strcmp(prefix, "faultsim-"))
		cli_kconfig_binary(kconfig, path, sizeof(path));
	else
		snprintf(path, sizeof(path), "%s/%s%s", cli_self_dir(), prefix,
			 kconfig);
	argv[0] = path;
	execv(path, argv);
	return cli_usage_error("cannot run %s: %m", path);
}

/*
 * The command's --kconfig (its last), else faultsim's own; checked.
 * The command's parse reports its other errors.
 */
static int pick_kconfig(const struct cli_command *cmd, int argc, char **argv,
			const char **kconfig)
{
	const char *k = cli_find_option(cmd, argc, argv, OPT_KCONFIG);

	if (k) {
		*kconfig = k;
		return check_kconfig(k);
	}
	return EXIT_OK;
}

/* `faultsim CMD ...`: @argv[0] is CMD, @line the whole command line */
static int run_command(int argc, char **argv, char **line, const char *kconfig)
{
	const struct cli_command *cmd = cli_command_find(argv[0]);
	size_t i;
	int ret;

	if (!cmd)
		return cli_usage_error("unknown command '%s' (see faultsim "
				       "--help)", argv[0]);
	ret = pick_kconfig(cmd, argc, argv, &kconfig);
	if (ret)
		return ret;
	if (!strcmp(cmd->name, "kunit"))
		return cli_kunit(argc, argv, kconfig, exec_sibling);
	if (strcmp(kconfig, FAULTSIM_KCONFIG))
		return exec_sibling("faultsim-", kconfig, line);
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (!strcmp(commands[i].name, cmd->name))
			return commands[i].fn(argc, argv);
	return cli_usage_error("no command '%s' in this build", cmd->name);
}

static int faultsim(int argc, char **argv)
{
	struct main_opts m = { .kconfig = FAULTSIM_KCONFIG };
	int ret, cmd;

	ret = cli_parse_main(argc, argv, main_opt, &m, &cmd);
	if (ret)
		return ret;
	if (m.version && strcmp(m.kconfig, FAULTSIM_KCONFIG))
		return exec_sibling("faultsim-", m.kconfig, argv);
	if (m.dump)
		return cli_dump_options(m.dump, stdout);
	if (m.version) {
		print_version();
		return EXIT_OK;
	}
	if (cmd >= argc) {
		cli_print_usage(stderr);
		return EXIT_USAGE;
	}
	if (!strcmp(argv[cmd], "help")) {
		const struct cli_command *c = cmd + 1 < argc ?
			cli_command_find(argv[cmd + 1]) : NULL;

		if (c)
			cli_print_help(c, stdout);
		else
			cli_print_usage(stdout);
		return EXIT_OK;
	}
	return run_command(argc - cmd, argv + cmd, argv, m.kconfig);
}

int main(int argc, char **argv)
{
	int ret;

	sim_check_memory_at_start();
	cli_set_resolver(cli_resolve_values);
	ret = faultsim(argc, argv);
	return ret == CLI_HELP_SHOWN ? EXIT_OK : ret;
}
