// Package lazy holds package-level values built the first time they are used.
//
// git starts the merge driver once per merged file, and every start runs the
// initialisation of every package linked into the binary, whatever the command. A
// package-level variable set by a call (sync.OnceValue(...), regexp.MustCompile(...))
// or to a map literal is initialisation code, run on every start; a lazy.Of written as
// a composite literal with a function literal is laid out by the compiler and costs
// nothing until its first Get (issue 18; `go test ./cmd/canvasgit -run
// TestStartupStaysLight` checks that canvasgit's packages initialise nothing).
package lazy

import "sync"

// Of is a value of type T that New builds on the first Get.
type Of[T any] struct {
	New  func() T
	once sync.Once
	v    T
}

// Get returns the value, building it on the first call. It is safe for concurrent use;
// New runs once.
func (l *Of[T]) Get() T {
	l.once.Do(l.build)
	return l.v
}

func (l *Of[T]) build() { l.v = l.New() }
