//go:build !linux

package build

// exchange cannot swap two folders in one step on this system: swap falls
// back on two renames.
func exchange(dir, out string) (bool, error) { return false, nil }
