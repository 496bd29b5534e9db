package main

import (
	"context"
	"io"
)

func runBuild(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	return usageError("build: not yet")
}
func runNew(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	return usageError("new: not yet")
}
func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	return usageError("serve: not yet")
}
