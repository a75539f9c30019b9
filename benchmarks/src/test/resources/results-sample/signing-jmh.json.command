java -cp benchmarks.jar org.openjdk.jmh.Main -t 2 -rf json
