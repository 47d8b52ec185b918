module org.channels4j.example {
    requires org.channels4j;
}
