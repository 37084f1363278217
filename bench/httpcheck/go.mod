module github.com/interviewbot/interviewbot/bench/httpcheck

go 1.26
