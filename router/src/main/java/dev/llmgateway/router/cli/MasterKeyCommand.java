package dev.llmgateway.router.cli;

import dev.llmgateway.security.secrets.MasterKeys;
import picocli.CommandLine.Command;

/** {@code llm-gateway master-key}: prints a new random master key for LLMGW_MASTER_KEY or a key file. */
@Command(name = "master-key", description = "Generate a master key that encrypts upstream secrets at rest.")
final class MasterKeyCommand implements Runnable {

    @Override
    public void run() {
        System.out.println(MasterKeys.generate());
        System.err.println("Keep it secret and backed up: stored upstream keys cannot be decrypted without it. "
                + "Give it to the gateway as LLMGW_MASTER_KEY or in the file named by security.master-key-file.");
    }
}
