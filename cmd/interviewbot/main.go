// Command interviewbot answers questions about one interview with the
// interviewee's exact words. See `interviewbot help`.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"
)

func main() {
	os.Exit(runMain(os.Args[1:]))
}

// runMain runs a command and returns its exit status. Ctrl-C or SIGTERM
// asks the command to stop. One blocked where it cannot see that (a
// read of a FIFO or of a pipe nobody writes to) is stopped anyway after
// a grace period, and at once on a second signal; the status is then
// 128 plus the signal's number, as a shell reports it.
func runMain(args []string) int {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(sigs)
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, args, env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv})
	}()
	var err error
	select {
	case err = <-done:
	case sig := <-sigs:
		cancel()
		select {
		case err = <-done:
		case sig = <-sigs:
			return signalStatus(sig)
		case <-time.After(grace(args)):
			fmt.Fprintf(os.Stderr, "interviewbot: stopped (%v)\n", sig)
			return signalStatus(sig)
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "interviewbot:", err)
		var u usageError
		var c configFault
		switch {
		case errors.As(err, &u):
			return 2
		case errors.As(err, &c):
			return exitConfig
		}
		return 1
	}
	return 0
}

// grace is how long a command may take to stop once asked: the servers
// finish the replies in flight, the rest has nothing to finish.
func grace(args []string) time.Duration {
	if len(args) > 0 && (args[0] == "serve" || args[0] == "serve-http") {
		return 20 * time.Second
	}
	return time.Second
}

func signalStatus(sig os.Signal) int {
	if s, ok := sig.(syscall.Signal); ok {
		return 128 + int(s)
	}
	return 1
}
