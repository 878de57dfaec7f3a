package dev.parley.adapters.persistence;

import dev.parley.application.contract.OutPorts;
import io.micronaut.context.BeanContext;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

/** The PostgreSQL repositories as {@link OutPorts}, for the contract tests. */
// Bootstrap's tests have the adapters test-jar on their classpath; this keeps them from the bean.
@Singleton
@Requires(env = "adapters-test")
class JdbcOutPorts implements OutPorts {
  // Looked up when asked for, not injected, so that a test class creates only the repositories it
  // uses, as it did when it injected them itself (the message repository starts a thread).
  private final BeanContext beans;

  JdbcOutPorts(BeanContext beans) {
    this.beans = beans;
  }

  @Override
  public JdbcUserRepository users() {
    return beans.getBean(JdbcUserRepository.class);
  }

  @Override
  public JdbcServerRepository servers() {
    return beans.getBean(JdbcServerRepository.class);
  }

  @Override
  public JdbcMembershipRepository memberships() {
    return beans.getBean(JdbcMembershipRepository.class);
  }

  @Override
  public JdbcBanRepository bans() {
    return beans.getBean(JdbcBanRepository.class);
  }

  @Override
  public JdbcInviteRepository invites() {
    return beans.getBean(JdbcInviteRepository.class);
  }

  @Override
  public JdbcChannelRepository channels() {
    return beans.getBean(JdbcChannelRepository.class);
  }

  @Override
  public JdbcMessageRepository messages() {
    return beans.getBean(JdbcMessageRepository.class);
  }

  @Override
  public JdbcPinRepository pins() {
    return beans.getBean(JdbcPinRepository.class);
  }

  @Override
  public JdbcThreadRepository threads() {
    return beans.getBean(JdbcThreadRepository.class);
  }

  @Override
  public JdbcReactionRepository reactions() {
    return beans.getBean(JdbcReactionRepository.class);
  }

  @Override
  public JdbcAttachmentRepository attachments() {
    return beans.getBean(JdbcAttachmentRepository.class);
  }

  @Override
  public JdbcReadStateRepository readStates() {
    return beans.getBean(JdbcReadStateRepository.class);
  }

  @Override
  public JdbcChannelChangeLog changes() {
    return beans.getBean(JdbcChannelChangeLog.class);
  }

  @Override
  public JdbcMessageExport exports() {
    return beans.getBean(JdbcMessageExport.class);
  }

  @Override
  public JdbcMessageSearch search() {
    return beans.getBean(JdbcMessageSearch.class);
  }

  @Override
  public JdbcSessionRepository sessions() {
    return beans.getBean(JdbcSessionRepository.class);
  }

  @Override
  public JdbcSocketTicketStore tickets() {
    return beans.getBean(JdbcSocketTicketStore.class);
  }

  @Override
  public JdbcWebhookStore webhooks() {
    return beans.getBean(JdbcWebhookStore.class);
  }

  @Override
  public JdbcWebhookOutbox webhookOutbox() {
    return beans.getBean(JdbcWebhookOutbox.class);
  }
}
