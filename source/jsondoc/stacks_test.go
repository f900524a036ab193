package jsondoc

import (
	"strconv"
	"strings"
	"testing"
)

// countBuilder builds nothing: a value is how many values it holds, itself included.
type countBuilder struct{}

func (countBuilder) Scalar(Scalar) int { return 1 }

func (countBuilder) Array(elems []int, _ Pos, _ int) int {
	n := 1
	for _, e := range elems {
		n += e
	}
	return n
}

func (countBuilder) Object(members []Member[int], _ Pos, _ int) (int, error) {
	n := 1
	for _, m := range members {
		n += m.Val
	}
	return n, nil
}

// stackBuilder is countBuilder lending its own stacks.
type stackBuilder struct {
	countBuilder
	st Stacks[int]
}

func (b *stackBuilder) Stacks() *Stacks[int] { return &b.st }

// TestStacksLent: a Stacker's stacks, once grown to a document's largest containers,
// serve every later read: those allocate nothing. Without them each read grows its own.
func TestStacksLent(t *testing.T) {
	var sb strings.Builder
	sb.WriteString(`{"list": [`)
	for i := range 500 {
		if i > 0 {
			sb.WriteString(", ")
		}
		sb.WriteString(strconv.Itoa(i))
	}
	sb.WriteString(`], "map": {`)
	for i := range 500 {
		if i > 0 {
			sb.WriteString(", ")
		}
		sb.WriteString(`"k` + strconv.Itoa(i) + `": [true, {"x": null}]`)
	}
	sb.WriteString("}}")
	data := []byte(sb.String())
	o := Options{Share: true}

	lent := &stackBuilder{}
	want, _, _, err := Parse[int](data, countBuilder{}, o)
	if err != nil {
		t.Fatal(err)
	}
	if got, _, _, err := Parse[int](data, lent, o); err != nil || got != want {
		t.Fatalf("with lent stacks: %d values, %v; want %d", got, err, want)
	}
	if n := testing.AllocsPerRun(5, func() { Parse[int](data, lent, o) }); n != 0 {
		t.Errorf("a read with grown stacks allocated %v times, want 0", n)
	}
	if n := testing.AllocsPerRun(5, func() { Parse[int](data, countBuilder{}, o) }); n == 0 {
		t.Errorf("a read with its own stacks allocated nothing: the test proves nothing")
	}
}
