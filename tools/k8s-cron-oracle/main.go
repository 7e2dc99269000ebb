// k8s-cron-oracle answers questions about CronJob schedules the way Kubernetes does, for the
// differential test of our own schedule code (test/schedule/differential.test.ts).
//
// Input: one question per line on stdin, "SCHEDULE[|TIMEZONE[|FROM]]", FROM in RFC 3339
// (default: the -from flag); blank lines and lines starting with '#' are skipped.
// Output: one JSON object per question, in order:
//
//	api_ok, api_errors  what kube-apiserver says when a CronJob with this schedule and timeZone is
//	                    created: validateScheduleFormat (TZ in the schedule not allowed) and
//	                    validateTimeZone in pkg/apis/batch/validation/validation.go
//	parse_ok, parse_error  cron.ParseStandard(schedule) on its own
//	next                the next -n fire times after FROM, in UTC, as the CronJob controller
//	                    computes them (formatSchedule in pkg/controller/cronjob/utils.go, then
//	                    ParseStandard and Schedule.Next); "none" once it stops firing
//
// The parser is github.com/robfig/cron/v3 v3.0.1, the version Kubernetes vendors; zones come
// from Go's embedded tz database, so the answers do not depend on the machine's zoneinfo.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"regexp"
	"strings"
	"time"
	_ "time/tzdata"

	"github.com/robfig/cron/v3"
)

// zonePart is the API server's pattern for each '/'-separated part of spec.timeZone.
var zonePart = regexp.MustCompile(`^[A-Za-z\.\-_0-9+]{1,14}$`)

// parse is cron.ParseStandard with a parser panic turned into an error (robfig v3.0.1 panics on
// malformed "TZ=" prefixes; robfig/cron issues 470 and 554).
func parse(spec string) (sched cron.Schedule, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("parser panic: %v", r)
		}
	}()
	return cron.ParseStandard(spec)
}

// createErrors is what the API server reports for spec.schedule and spec.timeZone on create.
func createErrors(schedule string, timeZone *string) []string {
	errs := []string{}
	if _, err := parse(schedule); err != nil {
		errs = append(errs, "spec.schedule: "+err.Error())
	}
	if strings.Contains(schedule, "TZ") {
		errs = append(errs, "spec.schedule: cannot use TZ or CRON_TZ in schedule, use timeZone field instead")
	}
	if timeZone == nil {
		return errs
	}
	zone := *timeZone
	if zone == "" {
		return append(errs, "spec.timeZone: timeZone must be nil or non-empty string")
	}
	for _, part := range strings.Split(zone, "/") {
		if part == "." || part == ".." || strings.HasPrefix(part, "-") || !zonePart.MatchString(part) {
			return append(errs, "spec.timeZone: unknown time zone "+zone)
		}
	}
	if strings.EqualFold(zone, "Local") {
		errs = append(errs, "spec.timeZone: timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones")
	}
	if _, err := time.LoadLocation(zone); err != nil {
		errs = append(errs, "spec.timeZone: "+err.Error())
	}
	return errs
}

// controllerSchedule is the string the CronJob controller parses: the schedule itself when it
// mentions TZ or the zone does not load, otherwise "TZ=<zone> <schedule>".
func controllerSchedule(schedule string, timeZone *string) string {
	if strings.Contains(schedule, "TZ") || timeZone == nil {
		return schedule
	}
	if _, err := time.LoadLocation(*timeZone); err != nil {
		return schedule
	}
	return "TZ=" + *timeZone + " " + schedule
}

type answer struct {
	Line       string   `json:"line"`
	Schedule   string   `json:"schedule"`
	TimeZone   *string  `json:"tz"`
	From       string   `json:"from"`
	APIOK      bool     `json:"api_ok"`
	APIErrors  []string `json:"api_errors"`
	ParseOK    bool     `json:"parse_ok"`
	ParseError string   `json:"parse_error,omitempty"`
	Next       []string `json:"next"`
}

func ask(line, defaultFrom string, count int) (answer, error) {
	parts := strings.Split(line, "|")
	a := answer{Line: line, Schedule: parts[0], From: defaultFrom, Next: []string{}}
	if len(parts) > 1 && parts[1] != "" {
		a.TimeZone = &parts[1]
	}
	if len(parts) > 2 && parts[2] != "" {
		a.From = parts[2]
	}
	from, err := time.Parse(time.RFC3339, a.From)
	if err != nil {
		return a, fmt.Errorf("bad FROM %q in line %q", a.From, line)
	}
	a.APIErrors = createErrors(a.Schedule, a.TimeZone)
	a.APIOK = len(a.APIErrors) == 0
	if _, err := parse(a.Schedule); err != nil {
		a.ParseError = err.Error()
	} else {
		a.ParseOK = true
	}
	if sched, err := parse(controllerSchedule(a.Schedule, a.TimeZone)); err == nil {
		for t, i := from, 0; i < count; i++ {
			if t = sched.Next(t); t.IsZero() {
				a.Next = append(a.Next, "none")
				break
			}
			a.Next = append(a.Next, t.UTC().Format(time.RFC3339))
		}
	}
	return a, nil
}

func main() {
	from := flag.String("from", "2026-01-01T00:00:00Z", "instant (RFC 3339) after which next times are computed, unless the line gives one")
	count := flag.Int("n", 5, "how many next fire times")
	flag.Parse()
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 64*1024), 16*1024*1024)
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	enc := json.NewEncoder(out)
	for in.Scan() {
		line := in.Text()
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		a, err := ask(line, *from, *count)
		if err != nil {
			out.Flush()
			fmt.Fprintln(os.Stderr, "k8s-cron-oracle:", err)
			os.Exit(2)
		}
		if err := enc.Encode(a); err != nil {
			fmt.Fprintln(os.Stderr, "k8s-cron-oracle:", err)
			os.Exit(1)
		}
	}
	if err := in.Err(); err != nil {
		out.Flush()
		fmt.Fprintln(os.Stderr, "k8s-cron-oracle: reading stdin:", err)
		os.Exit(1)
	}
}
