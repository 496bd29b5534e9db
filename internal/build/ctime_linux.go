//go:build linux

package build

import "syscall"

// changeTime is the change time (ctime) of a file, in ns.
func changeTime(st *syscall.Stat_t) int64 { return st.Ctim.Nano() }
