//go:build race

package build

// raceDetector: the race detector slows the builds of the property test
// ten times; it runs a shorter sequence.
const raceDetector = true
