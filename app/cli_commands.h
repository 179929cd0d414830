/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef FAULTSIM_SIM_CLI_COMMANDS_H
#define FAULTSIM_SIM_CLI_COMMANDS_H

#include <stdbool.h>

typedef int (*cli_exec_fn)(const char *prefix, const char *kconfig,
			   char **argv);

bool cli_kconfig_known(const char *name);
int cli_list(int argc, char **argv);
int cli_demo(int argc, char **argv);
int cli_run(int argc, char **argv);
int cli_replay(int argc, char **argv);
int cli_shrink(int argc, char **argv);
int cli_matrix(int argc, char **argv);
/* Whether this build's kconfig sets @symbol (CONFIG_...). */
bool cli_config_enabled(const char *symbol);
/* @argv is the whole command line (argv[0] the binary). */
int cli_kunit(int argc, char **argv, const char *kconfig,
	      cli_exec_fn exec_sibling);

#endif
