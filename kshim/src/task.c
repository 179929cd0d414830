// SPDX-License-Identifier: GPL-2.0-only
/*
 * Tasks and kthreads on simulated threads, keeping kernel/kthread.c's
 * (6.12) lifetime rules: a task starts with one reference, which the
 * thread itself drops when it exits; kthread_create() leaves the thread
 * sleeping until wake_up_process(); kthread_stop() sets should_stop,
 * wakes the thread, waits for its exit and returns threadfn's result.
 * Sleeps are timers on the virtual clock (kernel/time/sleep_timeout.c).
 */
#include <stdarg.h>
#include <stdio.h>
#include <linux/delay.h>
#include <linux/kernel.h>
#include <linux/kthread.h>
#include <linux/list.h>
#include <linux/sched/numa_balancing.h>
#include <linux/slab.h>
#include <linux/task_work.h>
#include <kshim/kshim.h>

/* What `current` is before any simulated thread runs. */
static struct task_struct init_task = {
	.pid = 0,
	.comm = "swapper/0",
	.flags = PF_KTHREAD,
	.usage = REFCOUNT_INIT(2),
};

static pid_t last_pid;
static LIST_HEAD(live_tasks);	/* in the order they were created */

_Noreturn void kshim_task_dead(void);

void kshim_task_reset(void)
{
	last_pid = 0;
	/* a run's tasks went with its arena (boot.c resets the slab) */
	INIT_LIST_HEAD(&live_tasks);
	/* an engine invariant broken in a task ends it as an oops does */
	sim_set_thread_dead(kshim_task_dead);
}

struct task_struct *get_current(void)
{
	struct task_struct *t = sim_thread_task(sim_current());

	return t ? t : &init_task;
}

#ifdef CONFIG_NUMA_BALANCING
/*
 * The kernel's is kernel/sched/fair.c's (unit sched_numa), which every
 * binary with kernel code links; kshim's own tests link no kernel code,
 * and their tasks have no statistics but what they allocate themselves.
 */
void __weak task_numa_free(struct task_struct *p, bool final)
{
	kfree(p->numa_faults);
	p->numa_faults = NULL;
}
#endif

/* kernel/fork.c:__put_task_struct() -> task_numa_free() */
void __put_task_struct(struct task_struct *t)
{
	WARN_ON(t == &init_task);
	WARN_ON(t->sim);	/* freed while still running */
	task_numa_free(t, true);
	kfree(t);
}

/* do_exit(): wake kthread_stop() (vfork_done), drop the thread's ref. */
static void task_exit(struct task_struct *t)
{
	complete_all(&t->exited);
	list_del_init(&t->kshim_live);
	t->sim = NULL;
	put_task_struct(t);
}

struct task_struct *kshim_user_task_on(int cpu)
{
	struct task_struct *t;

	list_for_each_entry(t, &live_tasks, kshim_live)
		if (!(t->flags & PF_KTHREAD) && t->cpu == cpu)
			return t;
	return NULL;
}

static int task_entry(void *arg)
{
	struct task_struct *t = arg;

	/* kernel/kthread.c:kthread(): stopped before it ever ran */
	if ((t->flags & PF_KTHREAD) && READ_ONCE(t->should_stop))
		t->result = -EINTR;
	else
		t->result = t->threadfn(t->data);
	task_exit(t);
	return 0;
}

/*
 * The task dies in an oops (make_task_dead()): do_exit() still wakes a
 * kthread_stop() waiter; the result stays as kthread_exit() never ran.
 */
_Noreturn void kshim_task_dead(void)
{
	struct task_struct *t = sim_thread_task(sim_current());

	if (t && t->sim)
		task_exit(t);
	sim_thread_exit(-1);
}

static struct task_struct *task_create(int (*fn)(void *), void *data,
				       unsigned int flags, const char *name)
{
	struct task_struct *t = kzalloc(sizeof(*t), GFP_KERNEL);

	if (!t)
		return ERR_PTR(-ENOMEM);
	t->pid = ++last_pid;
	t->tgid = t->pid;
	t->flags = flags;
	snprintf(t->comm, sizeof(t->comm), "%s", name);
	refcount_set(&t->usage, 1);
	t->threadfn = fn;
	t->data = data;
	init_completion(&t->exited);
	t->sim = sim_thread_create(t->comm, task_entry, t, t);
	if (!t->sim) {
		kfree(t);
		return ERR_PTR(-ENOMEM);
	}
	list_add_tail(&t->kshim_live, &live_tasks);
	return t;
}

struct task_struct *kthread_create_on_node(int (*threadfn)(void *data),
					   void *data, int node,
					   const char namefmt[], ...)
{
	char name[TASK_COMM_LEN];
	va_list ap;

	va_start(ap, namefmt);
	vsnprintf(name, sizeof(name), namefmt, ap);
	va_end(ap);
	return task_create(threadfn, data, PF_KTHREAD, name);
}

struct task_struct *kshim_spawn(const char *name, int (*fn)(void *),
				void *arg)
{
	struct task_struct *t = task_create(fn, arg, 0, name);

	if (!IS_ERR(t))
		wake_up_process(t);
	return t;
}

int wake_up_process(struct task_struct *p)
{
	if (!p->sim)
		return 0;
	sim_wake_thread(p->sim);
	return 1;
}

bool kthread_should_stop(void)
{
	struct task_struct *t = current;

	WARN_ON_ONCE(!(t->flags & PF_KTHREAD));
	return READ_ONCE(t->should_stop);
}

int kthread_stop(struct task_struct *k)
{
	int ret;

	get_task_struct(k);
	WRITE_ONCE(k->should_stop, true);
	wake_up_process(k);
	wait_for_completion(&k->exited);
	ret = k->result;
	put_task_struct(k);
	return ret;
}

int kthread_stop_put(struct task_struct *k)
{
	int ret = kthread_stop(k);

	put_task_struct(k);
	return ret;
}

/* Returns the jiffies left if woken early, as schedule_timeout(). */
long schedule_timeout(long timeout)
{
	unsigned long expire;
	uint64_t deadline_ns;

	if (timeout == MAX_SCHEDULE_TIMEOUT) {
		WARN_ONCE(1, "unbounded schedule_timeout is not modelled\n");
		return 0;
	}
	if (timeout < 0)
		return 0;
	expire = jiffies + timeout;
	/* the timer fires at the tick where jiffies reaches expire */
	deadline_ns = (uint64_t)(expire - INITIAL_JIFFIES) * TICK_NSEC;
	sim_sleep_until_ns(deadline_ns);
	timeout = (long)(expire - jiffies);
	return timeout < 0 ? 0 : timeout;
}

long schedule_timeout_idle(long timeout)
{
	return schedule_timeout(timeout);
}

long schedule_timeout_interruptible(long timeout)
{
	return schedule_timeout(timeout);
}

long schedule_timeout_uninterruptible(long timeout)
{
	return schedule_timeout(timeout);
}

void usleep_range_state(unsigned long min, unsigned long max,
			unsigned int state)
{
	uint64_t deadline_ns = sim_now_ns() + (uint64_t)max * NSEC_PER_USEC;

	/* woken early (e.g. by kthread_stop()), it sleeps again */
	while (sim_now_ns() < deadline_ns)
		sim_sleep_until_ns(deadline_ns);
}

void msleep(unsigned int msecs)
{
	unsigned long timeout = msecs_to_jiffies(msecs) + 1;

	while (timeout)
		timeout = schedule_timeout_uninterruptible(timeout);
}

void fsleep(unsigned long usecs)
{
	if (usecs <= 10)
		return;		/* udelay(): no virtual time passes */
	if (usecs <= 20000)
		usleep_range(usecs, 2 * usecs);
	else
		msleep(DIV_ROUND_UP(usecs, 1000));
}

/*
 * Mirrors kernel/pid.c:get_pid_task() (6.12): the task attached to
 * @pid, with a reference, or NULL once it has exited (detach_pid() at
 * exit; here its simulated thread is gone).  One task per pid: every
 * type names it.
 */
struct task_struct *get_pid_task(struct pid *pid, enum pid_type type)
{
	struct task_struct *task = pid ? pid->kshim_task : NULL;

	if (!task || !task->sim)
		return NULL;
	return get_task_struct(task);
}

/*
 * kernel/task_work.c:task_work_add() (6.12): pushed on the head of the
 * task's list, any notify mode (the model has no signals: the work
 * runs at the task's next task_work_run()).  Not a scheduling point
 * (linux/task_work.h).
 */
int task_work_add(struct task_struct *task, struct callback_head *work,
		  enum task_work_notify_mode notify)
{
	work->next = task->task_works;
	task->task_works = work;
	return 0;
}

/*
 * kernel/task_work.c:task_work_run() (6.12): current's work, the list
 * taken whole and run from its head, until no more is added.
 */
void task_work_run(void)
{
	struct task_struct *task = current;
	struct callback_head *work, *next;

	while ((work = task->task_works)) {
		task->task_works = NULL;
		do {
			next = work->next;
			work->func(work);
			work = next;
		} while (work);
	}
}
