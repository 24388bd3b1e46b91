package model

import (
	"fmt"
	"io"
	"io/fs"
	"os"
)

// TooLargeError is a file ReadRegular refused for its size.
type TooLargeError struct {
	Path  string
	Size  int64 // bytes: the file's size, or what was read before stopping
	Limit int64
	AtEnd bool // Size is the whole file's (from its metadata), not a lower bound
}

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("%s: more than %d bytes", e.Path, e.Limit)
}

// ReadRegular reads the regular file at path, at most limit bytes of it. A
// device, a FIFO, a socket or a directory is refused before it is opened,
// since reading one may never end (/dev/zero) or never begin (a FIFO with
// no writer). The limit is enforced while reading, so a file that grows
// after it was looked at costs no more than limit bytes either.
func ReadRegular(path string, limit int64) ([]byte, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if err := regular(path, fi); err != nil {
		return nil, err
	}
	if fi.Size() > limit {
		return nil, &TooLargeError{Path: path, Size: fi.Size(), Limit: limit, AtEnd: true}
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	// The path may have been replaced between Stat and Open.
	if fi, err = f.Stat(); err != nil {
		return nil, err
	}
	if err := regular(path, fi); err != nil {
		return nil, err
	}
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, &TooLargeError{Path: path, Size: int64(len(data)), Limit: limit}
	}
	return data, nil
}

func regular(path string, fi fs.FileInfo) error {
	if fi.Mode().IsRegular() {
		return nil
	}
	what := "not a regular file"
	switch m := fi.Mode(); {
	case m.IsDir():
		what = "a directory, not a file"
	case m&fs.ModeNamedPipe != 0:
		what = "a named pipe (FIFO), not a regular file"
	case m&fs.ModeDevice != 0 || m&fs.ModeCharDevice != 0:
		what = "a device, not a regular file"
	case m&fs.ModeSocket != 0:
		what = "a socket, not a regular file"
	}
	return fmt.Errorf("%s is %s", path, what)
}
