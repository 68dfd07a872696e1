//go:build unix

package indexer

import (
	"os"
	"syscall"
)

// lockDir takes an exclusive flock on path (created if needed), waiting for
// another holder, and returns the function that releases it. The kernel
// releases the lock if the process dies.
func lockDir(path string) (func(), error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		f.Close()
		return nil, err
	}
	return func() {
		syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		f.Close()
	}, nil
}
