// SPDX-License-Identifier: GPL-2.0-only
/*
 * Reader-writer semaphores on simulated threads (see linux/rwsem.h).
 * Every acquire and release is a scheduling point; a blocked acquirer
 * waits on the semaphore's queue and re-checks when woken.
 */
#include <linux/rwsem.h>

void down_read(struct rw_semaphore *sem)
{
	sim_point(SIM_PT_LOCK, sem);
	while (sem->count < 0 || sem->nr_writers_waiting)
		sim_wait(&sem->wait, sem);
	sem->count++;
}

int down_read_trylock(struct rw_semaphore *sem)
{
	sim_point(SIM_PT_LOCK, sem);
	if (sem->count < 0 || sem->nr_writers_waiting || sem->wait.head)
		return 0;
	sem->count++;
	return 1;
}

void up_read(struct rw_semaphore *sem)
{
	WARN_ON(sem->count <= 0);
	sem->count--;
	if (!sem->count)
		sim_wake_all(&sem->wait);
	sim_point(SIM_PT_UNLOCK, sem);
}

void down_write(struct rw_semaphore *sem)
{
	sim_point(SIM_PT_LOCK, sem);
	sem->nr_writers_waiting++;
	while (sem->count)
		sim_wait(&sem->wait, sem);
	sem->nr_writers_waiting--;
	sem->count = -1;
}

int down_write_trylock(struct rw_semaphore *sem)
{
	sim_point(SIM_PT_LOCK, sem);
	if (sem->count)
		return 0;
	sem->count = -1;
	return 1;
}

void up_write(struct rw_semaphore *sem)
{
	WARN_ON(sem->count != -1);
	sem->count = 0;
	sim_wake_all(&sem->wait);
	sim_point(SIM_PT_UNLOCK, sem);
}
