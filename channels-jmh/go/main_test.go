package main

import (
	"math"
	"testing"
)

// The 0.9995 quantiles of Student's t (the 99.9% interval JMH reports), from published tables;
// df = 11 and up were the normal 3.29 before tQuantile.
func TestTQuantile(t *testing.T) {
	for _, c := range []struct{ df, want float64 }{
		{1, 636.62}, {4, 8.610}, {10, 4.587}, {11, 4.437}, {20, 3.850}, {30, 3.646},
		{120, 3.373}, {1e6, 3.291},
	} {
		if got := tQuantile(0.9995, c.df); math.Abs(got-c.want) > 0.01 {
			t.Errorf("tQuantile(0.9995, %g) = %.4f, want %.3f", c.df, got, c.want)
		}
	}
}

// Twelve iterations (df = 11): the half-width is t(0.9995, 11) × s / √12, not 3.29 × s / √12.
func TestHalfWidthTwelveIterations(t *testing.T) {
	xs := []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}
	mean, half := meanAndHalfWidth(xs)
	s := math.Sqrt(13.0) // the sample standard deviation of 1..12: √(143/11)
	if mean != 6.5 || math.Abs(half-4.437*s/math.Sqrt(12)) > 0.01 {
		t.Errorf("meanAndHalfWidth(1..12) = %g ± %g, want 6.5 ± %.3f", mean, half, 4.437*s/math.Sqrt(12))
	}
}
