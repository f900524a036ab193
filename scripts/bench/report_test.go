package main

import "testing"

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
