module channels4j/gobench

go 1.19
