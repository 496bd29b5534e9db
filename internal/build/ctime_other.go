//go:build unix && !linux && !darwin

package build

import "syscall"

// changeTime is the change time (ctime) of a file, in ns: not read here
// (the field's name differs from system to system), so that a file of
// the output edited by hand with its size and modification time kept
// goes unseen, as the manifest's comment says.
func changeTime(st *syscall.Stat_t) int64 { return 0 }
