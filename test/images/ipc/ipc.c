/*
 * ipc: a stand-in for the allingeek/ch6_ipc image used by the Kubernetes
 * multi-container pod tutorial.
 *
 *   ./ipc -producer   sends NUM_MESSAGES random 2-hex-digit messages and then
 *                     "done" on a System V message queue, printing
 *                     "Produced: <msg>" for each random message;
 *   ./ipc -consumer   receives messages until "done", printing
 *                     "Consumed: <msg>" for each (including "done"), then
 *                     removes the queue.
 *
 * Both sides create the queue (IPC_CREAT) under a fixed key, so the start
 * order does not matter; the two only meet if they share an IPC namespace.
 * stdout is flushed after every line so container logs show progress.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <time.h>
#include <unistd.h>

#define QUEUE_KEY ((key_t)0x0c6ea1c0)
#define NUM_MESSAGES 10
#define DONE "done"

struct message {
	long mtype;
	char mtext[16];
};

static int open_queue(void)
{
	int id = msgget(QUEUE_KEY, IPC_CREAT | 0666);
	if (id < 0) {
		fprintf(stderr, "ipc: msgget: %s\n", strerror(errno));
		exit(1);
	}
	return id;
}

static void send_text(int id, const char *text)
{
	struct message m = { .mtype = 1 };
	snprintf(m.mtext, sizeof m.mtext, "%s", text);
	while (msgsnd(id, &m, strlen(m.mtext) + 1, 0) < 0) {
		if (errno == EINTR)
			continue;
		fprintf(stderr, "ipc: msgsnd: %s\n", strerror(errno));
		exit(1);
	}
}

static int produce(void)
{
	int id = open_queue();
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	srand((unsigned)(ts.tv_nsec ^ ts.tv_sec ^ getpid()));
	for (int i = 0; i < NUM_MESSAGES; i++) {
		char text[3];
		snprintf(text, sizeof text, "%02x", (unsigned)(rand() & 0xff));
		send_text(id, text);
		printf("Produced: %s\n", text);
		fflush(stdout);
	}
	send_text(id, DONE);
	return 0;
}

static int consume(void)
{
	int id = open_queue();
	for (;;) {
		struct message m;
		ssize_t n = msgrcv(id, &m, sizeof m.mtext - 1, 0, 0);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			fprintf(stderr, "ipc: msgrcv: %s\n", strerror(errno));
			return 1;
		}
		m.mtext[n] = '\0';
		printf("Consumed: %s\n", m.mtext);
		fflush(stdout);
		if (strcmp(m.mtext, DONE) == 0)
			break;
	}
	if (msgctl(id, IPC_RMID, NULL) < 0) {
		fprintf(stderr, "ipc: msgctl(IPC_RMID): %s\n", strerror(errno));
		return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 2 && strcmp(argv[1], "-producer") == 0)
		return produce();
	if (argc == 2 && strcmp(argv[1], "-consumer") == 0)
		return consume();
	fprintf(stderr, "usage: %s -producer | -consumer\n", argv[0]);
	return 2;
}
