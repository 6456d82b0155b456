package dev.quietlog.cli;

/** Runs a command body and turns an expected failure into one line on stderr and exit code 1. */
final class CliOutput {
    interface Body {
        void run() throws Exception;
    }

    private CliOutput() {
    }

    static int run(Body body) throws Exception {
        try {
            body.run();
            return 0;
        } catch (AdminClient.CliFailure e) {
            System.err.println(e.getMessage());
            return 1;
        }
    }
}
