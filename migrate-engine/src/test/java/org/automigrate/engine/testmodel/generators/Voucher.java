package org.automigrate.engine.testmodel.generators;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.TableGenerator;

@Entity
public class Voucher {
    @Id
    @GeneratedValue(strategy = GenerationType.TABLE, generator = "ids")
    @TableGenerator(name = "ids", table = "id_blocks", pkColumnName = "name", valueColumnName = "next_block",
            pkColumnValue = "voucher", initialValue = 500, allocationSize = 5)
    public Long id;
    String code;
}
