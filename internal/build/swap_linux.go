//go:build linux

package build

import (
	"errors"

	"golang.org/x/sys/unix"
)

// exchange swaps the folders dir and out in one step (renameat2 with
// RENAME_EXCHANGE). It reports false, and no error, where that cannot be
// done: no previous output to exchange with, or a file system or kernel
// without the operation.
func exchange(dir, out string) (bool, error) {
	err := unix.Renameat2(unix.AT_FDCWD, dir, unix.AT_FDCWD, out, unix.RENAME_EXCHANGE)
	switch {
	case err == nil:
		return true, nil
	case errors.Is(err, unix.ENOENT), errors.Is(err, unix.ENOSYS), errors.Is(err, unix.EINVAL), errors.Is(err, unix.EXDEV):
		return false, nil
	}
	return false, err
}
