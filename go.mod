module github.com/interviewbot/interviewbot

go 1.26
