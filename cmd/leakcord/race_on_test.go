//go:build race

package main

// raceDetector reports whether the tests run under the race detector,
// which multiplies memory use by 5 to 10 and time by 2 to 20.
const raceDetector = true
