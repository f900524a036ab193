package driverio

// Inputs are the driver's input files, each opened once: their sizes are known
// before any of them is read (an input over merge.MaxInputSize is never read whole),
// and reading then uses the same open file. Statting the three files by name first
// and opening them after cost three more system calls per driver call.
type Inputs struct {
	names []string
	files []input // input is the system's: input_unix.go, input_other.go
}

// OpenInputs opens each file, or returns the first error (naming its file) with none
// of them left open.
func OpenInputs(names ...string) (*Inputs, error) {
	in := &Inputs{names: names, files: make([]input, 0, len(names))}
	for _, name := range names {
		f, err := openInput(name)
		if err != nil {
			in.Close()
			return nil, err
		}
		in.files = append(in.files, f)
	}
	return in, nil
}

// Sizes returns each file's size, as it was when it was opened.
func (in *Inputs) Sizes() []int64 {
	sizes := make([]int64, len(in.files))
	for i, f := range in.files {
		sizes[i] = f.size
	}
	return sizes
}

// ReadAll returns each file's content, or the first error; the files are closed
// either way. Where the system can, a regular file is mapped instead of copied (see
// input_unix.go for why and for what the caller must do).
func (in *Inputs) ReadAll() ([][]byte, error) {
	defer in.Close()
	out := make([][]byte, len(in.files))
	for i, f := range in.files {
		b, err := f.read(in.names[i])
		if err != nil {
			return nil, err
		}
		out[i] = b
	}
	return out, nil
}

// Close closes the files that are still open. Mappings ReadAll made stay valid.
func (in *Inputs) Close() {
	for i := range in.files {
		in.files[i].close()
	}
}

// ReadAll reads each named file whole (OpenInputs, then Inputs.ReadAll).
func ReadAll(names ...string) ([][]byte, error) {
	in, err := OpenInputs(names...)
	if err != nil {
		return nil, err
	}
	return in.ReadAll()
}
