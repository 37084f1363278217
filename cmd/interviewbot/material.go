package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/interviewbot/interviewbot/classroom"
	"github.com/interviewbot/interviewbot/corpus"
)

// loadClassroomDir reads CLASSROOM_DIR. Its contents are checked when
// the material is loaded, against the interview; here, that it is a
// directory. Only the commands that use the material check it (see
// check): a wrong one stops them, not ask.
func (c *config) loadClassroomDir(getenv func(string) string) {
	c.ClassroomDir = strings.TrimSpace(getenv("CLASSROOM_DIR"))
	if c.ClassroomDir == "" {
		return
	}
	fi, err := os.Stat(c.ClassroomDir)
	switch {
	case err != nil:
		c.invalid["CLASSROOM_DIR"] = configError("CLASSROOM_DIR", "%v; want a directory that 'interviewbot classroom export DIR' wrote", err)
	case !fi.IsDir():
		c.invalid["CLASSROOM_DIR"] = configError("CLASSROOM_DIR", "%s is not a directory; want one that 'interviewbot classroom export DIR' wrote", c.ClassroomDir)
	}
}

// classroomConfig reads CLASSROOM_DIR alone, for the commands that need
// nothing else (worksheet, classroom export): they work offline, and a
// setting of the bot's they do not use does not stop them.
func classroomConfig(getenv func(string) string) config {
	c := config{invalid: map[string]error{}}
	c.loadClassroomDir(getenv)
	return c
}

// classroom loads the classroom material for iv: the copy in
// CLASSROOM_DIR when it is set, else the embedded one. A mistake in the
// copy is a configuration error that names each file at fault by its
// path, and the line, as editors open them.
func (c config) classroom(iv *corpus.Interview) (*classroom.Material, error) {
	if c.ClassroomDir == "" {
		return classroom.Load(iv)
	}
	if err := c.check("CLASSROOM_DIR"); err != nil {
		return nil, err
	}
	m, err := classroom.LoadFS(iv, os.DirFS(c.ClassroomDir))
	if err != nil {
		msg := fmt.Sprintf("configuration: CLASSROOM_DIR: the classroom material in %s does not load; correct it, or leave CLASSROOM_DIR empty for the built-in material:\n%s",
			c.ClassroomDir, strings.Join(inDir(c.ClassroomDir, err), "\n"))
		return nil, configFault{msg: msg, err: err}
	}
	return m, nil
}

// inDir returns the mistakes err lists, one a line, each file named by
// its path in dir.
func inDir(dir string, err error) []string {
	var out []string
	var walk func(error)
	walk = func(err error) {
		switch u := err.(type) {
		case *classroom.FileError:
			fe := classroom.FileError{File: filepath.Join(dir, u.File), Line: u.Line, Err: u.Err}
			out = append(out, fe.Error())
		case interface{ Unwrap() []error }:
			for _, e := range u.Unwrap() {
				walk(e)
			}
		default:
			if e := errors.Unwrap(err); e != nil {
				walk(e)
			}
		}
	}
	walk(err)
	if len(out) == 0 {
		return []string{err.Error()}
	}
	return out
}
