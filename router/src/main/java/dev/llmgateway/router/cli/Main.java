package dev.llmgateway.router.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code llm-gateway}: the one command line for running and administering the gateway. */
@Command(name = "llm-gateway", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class,
        description = "A smart-routing gateway for LLM APIs.",
        subcommands = {ServerCommand.class, DemoCommand.class, VersionCommand.class, HashKeyCommand.class,
                ListAccountsCommand.class, SwitchAccountCommand.Disable.class, SwitchAccountCommand.Enable.class,
                StatusCommand.class, StatsCommand.class, HealthCheckCommand.class, AddApiKeyCommand.class,
                RemoveAccountCommand.class, MasterKeyCommand.class, CostEngineCommand.class, ClassifyCommand.class, AddOAuthCommand.class, OAuthCommands.Start.class,
                OAuthCommands.Callback.class, OAuthCommands.Refresh.class, OAuthStatusCommand.class,
                BudgetCommands.ListBudgets.class, BudgetCommands.Add.class, BudgetCommands.Remove.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        int code = new CommandLine(new Main()).execute(args);
        if (code != 0 || args.length == 0 || !keepsRunning(args[0])) {
            System.exit(code);
        }
    }

    private static boolean keepsRunning(String command) {
        return command.equals("server") || command.equals("demo");
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
