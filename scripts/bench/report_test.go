package main

import (
	"testing"
	"time"
)

func TestQuantile(t *testing.T) {
	xs := []float64{4, 1, 3, 2, 5} // sorted: 1 2 3 4 5
	for _, c := range []struct{ q, want float64 }{{0, 1}, {0.25, 2}, {0.5, 3}, {0.75, 4}, {1, 5}, {0.125, 1.5}} {
		if got := quantile(xs, c.q); got != c.want {
			t.Errorf("quantile(%v, %v) = %v, want %v", xs, c.q, got, c.want)
		}
	}
	if xs[0] != 4 {
		t.Errorf("quantile sorted its argument in place: %v", xs)
	}
}

func TestRatioText(t *testing.T) {
	if got, want := ratioText([]float64{1.9, 1.6, 1.7, 2.2, 1.8}), "1.80× (1.70–1.90)"; got != want {
		t.Errorf("ratioText = %q, want %q", got, want)
	}
	if got, want := ratioText([]float64{1.2, 1.4}), "1.30×"; got != want {
		t.Errorf("ratioText of two runs = %q, want %q (no range from so few)", got, want)
	}
}

func TestParseInitTrace(t *testing.T) {
	trace := []byte("init internal/bytealg @0.008 ms, 0 ms clock, 0 bytes, 0 allocs\n" +
		"init go.yaml.in/yaml/v3 @1.5 ms, 0.18 ms clock, 25720 bytes, 276 allocs\n" +
		"canvasgit version dev\n" +
		"init go.yaml.in/yaml/v3 @1.7 ms, 0.020 ms clock, 100 bytes, 2 allocs\n" +
		"init encoding/xml @1.3 ms, 0.026 ms clock, 18776 bytes, 6 allocs\n")
	got, err := parseInitTrace(trace)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]time.Duration{"internal/bytealg": 0, "go.yaml.in/yaml/v3": 200 * time.Microsecond, "encoding/xml": 26 * time.Microsecond}
	if len(got) != len(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for k, v := range want {
		if d := got[k] - v; d > time.Microsecond || d < -time.Microsecond {
			t.Errorf("%s: got %v, want %v", k, got[k], v)
		}
	}
	if _, err := parseInitTrace([]byte("canvasgit version dev\n")); err == nil {
		t.Error("no trace lines: want an error")
	}
}
