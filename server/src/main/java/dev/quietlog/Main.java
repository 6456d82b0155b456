package dev.quietlog;

import dev.quietlog.cli.AuditCommand;
import dev.quietlog.cli.DemoCommand;
import dev.quietlog.cli.KeysCommand;
import dev.quietlog.cli.PolicyCommand;
import dev.quietlog.cli.ScimTokenCommand;
import dev.quietlog.cli.ServeCommand;
import dev.quietlog.cli.TeamsCommand;
import dev.quietlog.cli.TokensCommand;
import dev.quietlog.cli.UsersCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "quietlog", mixinStandardHelpOptions = true, version = "Quietlog 0.1.0",
        description = "Quietlog server and administration commands.",
        subcommands = {ServeCommand.class, UsersCommand.class, TokensCommand.class, PolicyCommand.class,
                KeysCommand.class, ScimTokenCommand.class,
                AuditCommand.class, TeamsCommand.class, DemoCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }
}
