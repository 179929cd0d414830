// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "app/cli_args.h"

bool cli_parse_u64(const char *s, uint64_t min, uint64_t max, uint64_t *out)
{
	unsigned long long v;
	char *end;

	if (!s || !*s || *s == '-' || *s == '+' || *s == ' ')
		return false;
	errno = 0;
	v = strtoull(s, &end, 0);
	if (errno || *end || v < min || v > max)
		return false;
	*out = v;
	return true;
}

int cli_usage_error(const char *fmt, ...)
{
	va_list ap;

	fputs("faultsim: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return EXIT_USAGE;
}

/* FAULTSIM_KCONFIGS and the like: "a b c", from CMake */
bool cli_word_in(const char *word, const char *list)
{
	size_t n = strlen(word);
	const char *p = list;

	if (!n)
		return false;
	while ((p = strstr(p, word))) {
		if ((p == list || p[-1] == ' ') && (p[n] == ' ' || !p[n]))
			return true;
		p += n;
	}
	return false;
}

uint64_t cli_online_cores(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n > 0 ? (uint64_t)n : 1;
}

const char *cli_self_dir(void)
{
	static char dir[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", dir, sizeof(dir) - 1);
	char *slash;

	if (n <= 0)
		return ".";
	dir[n] = '\0';
	slash = strrchr(dir, '/');
	if (slash)
		*slash = '\0';
	return dir;
}

static bool is_dir(const char *path)
{
	struct stat st;

	return !stat(path, &st) && S_ISDIR(st.st_mode);
}

static bool is_file(const char *path)
{
	struct stat st;

	return !stat(path, &st) && S_ISREG(st.st_mode);
}

const char *cli_scenario_dir(void)
{
	static char dir[PATH_MAX];
	char path[PATH_MAX + 64];

	if (dir[0])
		return dir;
	snprintf(path, sizeof(path), "%s/" FAULTSIM_SCENARIO_RELDIR,
		 cli_self_dir());
	if (!realpath(path, dir) || !is_dir(dir))
		snprintf(dir, sizeof(dir), "%s", FAULTSIM_SCENARIO_DIR);
	return dir;
}

const char *cli_scenario_path(const char *arg, char *buf, size_t len)
{
	static const char *const subdirs[] = { "", "/matrix" };
	size_t i;

	if (is_file(arg) || strchr(arg, '/') || strstr(arg, ".json"))
		return arg;
	for (i = 0; i < sizeof(subdirs) / sizeof(subdirs[0]); i++) {
		snprintf(buf, len, "%s%s/%s.json", cli_scenario_dir(),
			 subdirs[i], arg);
		if (is_file(buf))
			return buf;
	}
	return NULL;
}

int cli_out_dir(const char *dir, size_t max_len)
{
	char probe[PATH_MAX];
	int fd;

	if (strlen(dir) > max_len)
		return cli_usage_error("--out %.64s...: longer than %zu bytes",
				       dir, max_len);
	if (mkdir(dir, 0777) && errno != EEXIST)
		return cli_usage_error("--out %s: cannot create it: %s", dir,
				       strerror(errno));
	if (!is_dir(dir))
		return cli_usage_error("--out %s: not a directory", dir);
	/* as root access() says yes to a read-only mount: try it */
	snprintf(probe, sizeof(probe), "%s/.faultsim-probe-XXXXXX", dir);
	fd = mkstemp(probe);
	if (fd < 0)
		return cli_usage_error("--out %s: cannot write in it: %s", dir,
				       strerror(errno));
	close(fd);
	unlink(probe);
	return EXIT_OK;
}
